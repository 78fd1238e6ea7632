using Headwater.Testing;

namespace Headwater.Tests.Service;

/// <summary>The OpenAPI document the service serves is the one checked in at docs/openapi/v1.json.</summary>
public sealed class OpenApiDocumentTests
{
    private const string Rewrite = "HEADWATER_WRITE_OPENAPI";

    [Fact]
    public async Task The_served_OpenAPI_document_is_the_one_checked_in()
    {
        await using var service = await ServiceApplication.StartAsync();
        var served = (await service.Client(service.AdminToken).GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
        var file = Path.Combine(Repository.Root(), "docs", "openapi", "v1.json");

        if (Environment.GetEnvironmentVariable(Rewrite) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, served);
        }

        var checkedIn = File.Exists(file) ? (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n") : "";
        Assert.True(served == checkedIn, $"The API changed: {file} differs from the document the service serves. If the change is " +
            $"meant, rewrite the file with {Rewrite}=1 dotnet test test/Headwater.Tests --filter OpenApiDocumentTests, and commit it.");
    }
}
