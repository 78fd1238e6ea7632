namespace Headwater.Core.Mapping;

/// <summary>
/// A compiled mapping expression: parse once, evaluate for each worker. Values are text and null means "no
/// value"; evaluation never throws. See <see cref="Parser"/> for the grammar and <see cref="Functions"/> for the
/// functions.
/// </summary>
public sealed class Expression
{
    private readonly Node root;

    private Expression(string text, Node root, IReadOnlyList<string> references, IReadOnlyList<string> lookupTables)
    {
        Text = text;
        this.root = root;
        References = references;
        LookupTables = lookupTables;
    }

    public string Text { get; }

    /// <summary>Every attribute name the expression reads, once each, in order of appearance.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>The lookup tables the expression names as literals, once each.</summary>
    public IReadOnlyList<string> LookupTables { get; }

    /// <summary>True when the expression reads no attribute and no lookup: its value is always the same.</summary>
    public bool IsConstant => root is Literal;

    /// <exception cref="ExpressionException">The text is not a valid expression.</exception>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (root, parser) = Parser.Parse(text);
        return new Expression(text, root, parser.References, parser.LookupTables);
    }

    public string? Evaluate(IReadOnlyDictionary<string, string?> attributes) => Evaluate(attributes, Scope.NoLookups);

    /// <param name="attributes">The worker's attributes by name (see <c>WorkerAttributes.Of</c>); a missing name is null.</param>
    /// <param name="lookups">Lookup tables by name; names and keys are matched ignoring case.</param>
    public string? Evaluate(
        IReadOnlyDictionary<string, string?> attributes,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> lookups)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(lookups);
        var scope = new Scope(attributes, lookups);
        return root.Evaluate(ref scope);
    }

    internal string? Evaluate(ref Scope scope) => root.Evaluate(ref scope);

    public override string ToString() => Text;
}
