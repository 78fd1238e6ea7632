using System.Text.RegularExpressions;

namespace Headwater.Core.Configuration;

/// <summary>
/// What reading one configuration needs everywhere: the environment that <c>${VAR}</c> references resolve against, and the
/// problems found so far, each written <c>path (line n): message</c>. A problem found in the model (not in the tree) takes
/// its line from <see cref="Lines"/>, when the model was read from a file.
/// </summary>
public sealed partial class ConfigReader(Func<string, string?> environment)
{
    private readonly List<string> problems = [];
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> resolved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SecretRef> secrets = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Problems => problems;

    /// <summary>The line of each value by path (<see cref="ConfigLines"/>); empty for a model built in code or sent to the API.</summary>
    public IReadOnlyDictionary<string, long> Lines { get; set; } = new Dictionary<string, long>();

    /// <summary>The problems with every value read from the environment written back as its <c>${VAR}</c>, so that
    /// no message shows a secret, even one a checker echoed from a key that was not meant to hold one.</summary>
    public IReadOnlyList<string> Redacted() =>
    [
        .. problems.Select(problem => resolved.OrderByDescending(r => r.Key.Length).Aggregate(problem,
            (text, r) => text.Replace(r.Key, $"${{{r.Value}}}", StringComparison.Ordinal))),
    ];

    public Func<string, string?> Environment => environment;

    /// <summary>Every secret checked so far, by path: what a store must keep for the configuration, and what a
    /// comparison must never show the value of.</summary>
    public IReadOnlyDictionary<string, SecretRef> Secrets => secrets;

    /// <summary>Whether the secret at a path must be read. One that need not (a destination's token for a command
    /// that reads only UKG) may be unset: it is then <see cref="Unread"/>, and not a problem.</summary>
    public Func<string, bool> SecretNeeded { get; init; } = _ => true;

    /// <summary>The value of a secret that was not needed and is not set.</summary>
    public const string Unread = "(not read)";

    /// <summary>Whether a problem was already reported at the path (a value that could not be read is not also "required").</summary>
    public bool Reported(string path) => reported.Contains(path);

    public void Add(string path, ConfigNode? node, string message) => Add(path, node?.Line, message);

    /// <summary>A problem at a path, on the line where its value was written or, for a key left out, where its mapping was.</summary>
    public void Add(string path, string message) =>
        Add(path, Lines.TryGetValue(path, out var line) || Lines.TryGetValue(Parent(path), out line) ? line : null, message);

    public void Add(string path, long? lineNumber, string message)
    {
        reported.Add(path);
        var line = lineNumber is { } n ? $"line {n}" : "";
        problems.Add((path, line) switch
        {
            ("", "") => message,
            ("", _) => $"{line}: {message}",
            (_, "") => $"{path}: {message}",
            _ => $"{path} ({line}): {message}",
        });
    }

    /// <summary>The variables <paramref name="text"/> refers to, as <see cref="Substitute"/> reads them (malformed
    /// references left out).</summary>
    public static IEnumerable<string> References(string text) =>
        Reference().Matches(text).Select(m => m.Groups[1].Value).Where(name => VariableName().IsMatch(name));

    /// <summary>The text with each <c>${VAR}</c> replaced by the variable's value; null, with the problems
    /// added, when a variable is unset or a reference is malformed.</summary>
    public string? Substitute(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ok = true;
        var result = Reference().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (!VariableName().IsMatch(name))
            {
                Add(path, $"'{match.Value}' is not a variable reference: write ${{NAME}} with letters, digits and '_'");
                ok = false;
                return "";
            }
            if (Variable(name, secret: false) is { } value)
            {
                return value;
            }
            Add(path, $"the environment variable {name} is not set");
            ok = false;
            return "";
        });
        return ok ? result : null;
    }

    /// <summary>A secret's value, read from its variable.</summary>
    public string? Secret(SecretRef secret, string path)
    {
        ArgumentNullException.ThrowIfNull(secret);
        secrets[path] = secret;
        if (Variable(secret.Variable, secret: true) is { } value)
        {
            return value;
        }
        if (!SecretNeeded(path))
        {
            return Unread;
        }
        Add(path, $"the environment variable {secret.Variable} is not set");
        return null;
    }

    private static string Parent(string path)
    {
        var end = Math.Max(path.LastIndexOf('.'), path.EndsWith(']') ? path.LastIndexOf('[') : -1);
        return end < 0 ? "" : path[..end];
    }

    private string? Variable(string name, bool secret)
    {
        // A line ending left by an env file written on Windows (KEY=value\r\n) is not part of the value.
        var value = environment(name)?.TrimEnd('\r', '\n') is { Length: > 0 } v ? v : null;
        // Short plain values ("8", "yes") would mangle messages if redacted; secrets are redacted whatever their length.
        if (value is not null && (secret || value.Length >= 4))
        {
            resolved.TryAdd(value, name);
        }
        return value;
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
