using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;

namespace Headwater.Connectors.Files;

/// <summary>A <c>type: file</c> destination's own keys, as written (docs/file-destination.md).</summary>
public sealed record FileConfig(string? Path, string? Format = null, string? Retain = null, string? Inactive = null) : KindConfig
{
    internal static FileConfig Bind(ConfigSection section) =>
        new(section.Text("path"), section.Text("format"), section.Text("retain"), section.Text("inactive"));

    public override void Write(ConfigMapBuilder map) =>
        map.Text("path", Path).Text("format", Format).Bare("retain", Retain).Text("inactive", Inactive);
}
