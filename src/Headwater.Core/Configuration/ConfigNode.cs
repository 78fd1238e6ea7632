namespace Headwater.Core.Configuration;

/// <summary>
/// A configuration document as a tree, whatever it was written in: YAML files and JSON requests are both read into
/// it, and one set of readers validates it, so a problem is reported by the same path either way. <see cref="Line"/>
/// is where the node starts in its file, when it came from one.
/// </summary>
public abstract record ConfigNode(long? Line);

/// <summary>One value; <see cref="IsNull"/> for a key written with no value (<c>~</c>, <c>null</c>, nothing).
/// <see cref="Unquoted"/> marks a number or <c>true</c>/<c>false</c> to be written bare, when written out as JSON.</summary>
public sealed record ConfigScalar(string? Value, long? Line = null, bool IsNull = false, bool Unquoted = false) : ConfigNode(Line);

public sealed record ConfigList(IReadOnlyList<ConfigNode> Items, long? Line = null) : ConfigNode(Line);

/// <summary>A mapping in the order it was written; keys are nodes so that a key that is not text can be reported.</summary>
public sealed record ConfigMap(IReadOnlyList<KeyValuePair<ConfigNode, ConfigNode>> Entries, long? Line = null) : ConfigNode(Line);
