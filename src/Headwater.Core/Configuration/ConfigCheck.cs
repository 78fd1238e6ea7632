using System.Globalization;

namespace Headwater.Core.Configuration;

/// <summary>
/// Checks the values of one mapping of a configuration model at a known path, as written (<c>${VAR}</c> kept), and
/// returns what they mean. Each check reports what is wrong by path (and line, through <see cref="ConfigReader.Lines"/>)
/// and returns null, so that checking goes on and every problem is found.
/// </summary>
public sealed class ConfigCheck(ConfigReader reader, string path)
{
    public string Path => path;

    /// <summary>Where problems go, and the environment <c>${VAR}</c> resolves against.</summary>
    public ConfigReader Reader => reader;

    public string At(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public ConfigCheck Child(string key) => new(reader, At(key));

    public ConfigCheck Item(string key, int index) => new(reader, $"{At(key)}[{index}]");

    /// <summary>Reports a problem with a key's value (or, when it is absent, with this mapping).</summary>
    public void Problem(string key, string message) => reader.Add(At(key), message);

    /// <summary>A text value with <c>${VAR}</c> references resolved.</summary>
    public string? Text(string key, string? value, bool required = false)
    {
        if (value is null)
        {
            // A value that was written but could not be read is reported already.
            if (required && !reader.Reported(At(key)))
            {
                Problem(key, "required");
            }
            return null;
        }
        return reader.Substitute(value, At(key));
    }

    /// <summary>A secret's value, from the variable it names.</summary>
    public string? Secret(string key, SecretRef? value) => value is null ? null : reader.Secret(value, At(key));

    public int? WholeNumber(string key, string? value, int min, int max)
    {
        var text = Text(key, value);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return Invalid<int>(key, $"'{text}' is not a whole number");
        }
        return number < min || number > max ? Invalid<int>(key, $"{number} is outside {min}..{max}") : number;
    }

    public double? Number(string key, string? value, double min, double max)
    {
        var text = Text(key, value);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return Invalid<double>(key, $"'{text}' is not a number");
        }
        return number < min || number > max
            ? Invalid<double>(key, $"{Invariant(number)} is outside {Invariant(min)}..{Invariant(max)}")
            : number;
    }

    public bool? Bool(string key, string? value) => Text(key, value)?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var text => Invalid<bool>(key, $"'{text}' is not true or false"),
    };

    /// <summary>One of the named values, matched ignoring case; an unknown one is reported with the allowed names.</summary>
    public T? Choice<T>(string key, string? value, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct => value is null ? null : Match(Text(key, value), At(key), choices);

    /// <summary>A list of named values; null when absent or when any item is not one of them.</summary>
    public IReadOnlyList<T>? Choices<T>(string key, IReadOnlyList<string>? values, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct
    {
        if (values is null)
        {
            return null;
        }
        var matched = new List<T>();
        var ok = true;
        for (var i = 0; i < values.Count; i++)
        {
            var itemPath = $"{At(key)}[{i}]";
            var value = Match(reader.Substitute(values[i], itemPath), itemPath, choices);
            ok &= value is not null;
            matched.Add(value.GetValueOrDefault());
        }
        return ok ? matched : null;
    }

    /// <summary>A list of text values with <c>${VAR}</c> references resolved; null when absent or when any cannot be.</summary>
    public IReadOnlyList<string>? Texts(string key, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return null;
        }
        var texts = values.Select((value, i) => reader.Substitute(value, $"{At(key)}[{i}]")).ToList();
        return texts.Any(t => t is null) ? null : [.. texts.Select(t => t!)];
    }

    private T? Match<T>(string? text, string at, IReadOnlyList<(string Name, T Value)> choices)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }
        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        reader.Add(at, $"'{text}' is not one of {string.Join(", ", choices.Select(c => c.Name))}");
        return null;
    }

    private T? Invalid<T>(string key, string message)
        where T : struct
    {
        Problem(key, message);
        return null;
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
