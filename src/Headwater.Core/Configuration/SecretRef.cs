using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Headwater.Core.Configuration;

/// <summary>A secret as configured: the environment variable that holds it, written <c>${VAR}</c>. The model keeps
/// only this reference, so a configuration can be shown, stored and exported without its secrets.</summary>
public sealed partial record SecretRef(string Variable)
{
    /// <summary>The reference in a text that is exactly one <c>${VAR}</c> (surrounding spaces allowed).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SecretRef? secret)
    {
        var match = Reference().Match(text ?? "");
        secret = match.Success ? new SecretRef(match.Groups[1].Value) : null;
        return secret is not null;
    }

    public override string ToString() => $"${{{Variable}}}";

    [GeneratedRegex(@"^\s*\$\{([A-Za-z_][A-Za-z0-9_]*)\}\s*$")]
    private static partial Regex Reference();
}
