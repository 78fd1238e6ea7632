using System.Text.Json.Nodes;
using Headwater.Connectors.Scim;
using Headwater.Core.Destinations;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Tests.Scim;

/// <summary>Attribute paths, resources built from them and read back, and the options' checks.</summary>
public sealed class ScimPathTests
{
    [Theory]
    [InlineData("title", null, "title", null, null)]
    [InlineData("name.givenName", null, "name", null, "givenName")]
    [InlineData("emails[type eq \"work\"].value", null, "emails", "work", "value")]
    [InlineData("phoneNumbers[type eq \"mobile\"]", null, "phoneNumbers", "mobile", "value")]
    [InlineData("addresses[type eq \"work\"].locality", null, "addresses", "work", "locality")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", ScimSchemas.EnterpriseUser, "department", null, null)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value", ScimSchemas.EnterpriseUser, "manager", null, "value")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName", null, "userName", null, null)]
    [InlineData("urn:acme:scim:2.0:Badge:badges[type eq \"door:main\"].value", "urn:acme:scim:2.0:Badge", "badges", "door:main", "value")]
    public void Parse_splits_schema_attribute_type_and_sub_attribute(string path, string? schema, string attribute, string? type, string? sub)
    {
        Assert.Equal(new ScimPath(schema, attribute, type, sub), ScimPath.Parse(path));
    }

    [Theory]
    [InlineData("emails[value co \"x\"]")]
    [InlineData("name..givenName")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:")]
    [InlineData("id")]
    [InlineData("meta.created")]
    [InlineData("")]
    public void Parse_refuses_paths_it_cannot_write_naming_the_path(string path)
    {
        var error = Assert.Throws<ScimPathException>(() => ScimPath.Parse(path));

        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_values_escape_quotes_and_backslashes()
    {
        Assert.Equal("userName eq \"o\\\"brien\\\\x\"", ScimFilter.Equal("userName", "o\"brien\\x"));
    }

    [Fact]
    public void Writing_then_reading_a_resource_gives_back_the_same_paths_and_clearing_drops_empty_parts()
    {
        var resource = ScimResource.NewUser();
        string[] paths = ["userName", "name.givenName", "emails[type eq \"work\"].value", "emails[type eq \"home\"].value",
            ScimSchemas.EnterpriseUser + ":department", "urn:acme:2.0:User:badge.number"];
        foreach (var path in paths)
        {
            ScimResource.Write(resource, ScimPath.Parse(path), "v:" + path);
        }

        var read = ScimResource.Read(resource);
        Assert.Equal(paths.Order(), read.Keys.Order());
        Assert.All(paths, p => Assert.Equal("v:" + p, read[p]));
        Assert.Equal([true, null], resource["emails"]!.AsArray().Select(e => (bool?)e!["primary"]));
        Assert.Equal([ScimSchemas.User, ScimSchemas.EnterpriseUser, "urn:acme:2.0:User"], resource["schemas"]!.AsArray().Select(s => s!.ToString()));

        foreach (var path in paths.Skip(1))
        {
            ScimResource.Write(resource, ScimPath.Parse(path), null);
        }
        Assert.Equal($$"""{"schemas":["{{ScimSchemas.User}}"],"userName":"v:userName"}""", resource.ToJsonString());
    }

    [Fact]
    public void An_account_read_back_takes_string_booleans_the_work_email_and_typed_entries_only()
    {
        var resource = JsonNode.Parse("""
            {"id":"7","userName":"u","externalId":"E7","active":"False","emails":[{"value":"home@x","type":"home","primary":true},{"value":"work@x","type":"Work"},{"value":"untyped@x"}],
             "groups":[{"value":"g1"}],"meta":{"version":"W/\"1\""},"x-count":3}
            """)!.AsObject();

        var account = ScimResource.ToAccount(resource);

        Assert.Equal(("7", "E7", "u", "work@x", false), (account.Id, account.ExternalId, account.UserName, account.Email, account.Active));
        Assert.Equal("work@x", account.Attributes["emails[type eq \"work\"].value"]);
        Assert.Equal("3", account.Attributes["x-count"]);
        Assert.DoesNotContain(account.Attributes.Keys, k => k.StartsWith("groups", StringComparison.Ordinal) || k.StartsWith("meta", StringComparison.Ordinal) || k == "active");
        Assert.Equal(5, account.Attributes.Count); // userName, externalId, two typed emails, x-count
    }

    [Theory]
    [InlineData(null, null, null, "either a bearer token or a user name and password")]
    [InlineData("t", "u", "p", "either a bearer token or a user name and password")]
    [InlineData(null, "u", null, "both a user name and a password")]
    public void Options_refuse_missing_or_mixed_credentials(string? token, string? user, string? password, string message)
    {
        var options = new ScimOptions { BaseUrl = new Uri("https://scim.example/v2"), BearerToken = token, UserName = user, Password = password };

        var error = Assert.Throws<ScimConfigurationException>(options.Validate);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_never_print_secrets()
    {
        var bearer = new ScimOptions { BaseUrl = new Uri("https://scim.example/v2"), BearerToken = "s3cret-token" };
        var basic = new ScimOptions { BaseUrl = new Uri("https://scim.example/v2"), UserName = "svc", Password = "s3cret-password" };

        Assert.DoesNotContain("s3cret", bearer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", basic.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", (bearer with { Compatibility = new() }).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddScim_registers_each_named_destination_as_a_keyed_IDestination()
    {
        var services = new ServiceCollection()
            .AddScim("okta", new ScimOptions { BaseUrl = new Uri("https://okta.example/scim/v2"), BearerToken = "a" })
            .AddScim("slack", new ScimOptions { BaseUrl = new Uri("https://slack.example/scim/v2/"), BearerToken = "b", Compatibility = new() { UpdateMethod = ScimUpdateMethod.Put } });
        using var provider = services.BuildServiceProvider();

        var okta = Assert.IsType<ScimDestination>(provider.GetRequiredKeyedService<IDestination>("okta"));
        var slack = Assert.IsType<ScimDestination>(provider.GetRequiredKeyedService<IDestination>("slack"));

        Assert.Equal(("okta", "slack"), (okta.Name, slack.Name));
        Assert.Equal(ScimUpdateMethod.Put, slack.Client.Compatibility.UpdateMethod);
        Assert.Equal(new Uri("https://okta.example/scim/v2/"), okta.Client.Options.Root);
    }
}
