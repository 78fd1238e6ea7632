using System.CommandLine;
using System.Globalization;
using Headwater.Cli;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Headwater.Service;

/// <summary><c>headwater tokens create|list|revoke</c>: the service's API tokens, in its database (HEADWATER_DATA_DIR /
/// HEADWATER_POSTGRES, as <c>serve</c> uses), with or without the service running.</summary>
public static class TokensCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Option<string>("--name") { Description = "What the token is for.", Required = true };
        var scope = new Option<string>("--scope") { Description = "read, or admin (which implies read).", DefaultValueFactory = _ => ApiScopes.Read };
        scope.AcceptOnlyFromAmong([.. ApiScopes.All]);
        var create = new Command("create", "Create a token; its secret is printed this once.") { name, scope };
        create.SetAction((r, ct) => CreateToken(context, r.GetValue(name)!, r.GetValue(scope)!, ct));
        var list = new Command("list", "List the tokens, without their secrets.");
        list.SetAction((_, ct) => List(context, ct));
        var id = new Argument<int>("id") { Description = "The token's number (tokens list)." };
        var revoke = new Command("revoke", "Revoke a token: requests with it are refused from now on.") { id };
        revoke.SetAction((r, ct) => Revoke(context, r.GetValue(id), ct));
        return new Command("tokens", "Manage the API tokens of headwater serve.") { create, list, revoke };
    }

    private static async Task<int> CreateToken(CliContext context, string name, string scope, CancellationToken cancellationToken)
    {
        if (ApiTokens.Problems(name, [scope]).Values.SelectMany(p => p).FirstOrDefault() is { } problem)
        {
            context.Console.MarkupLine($"[red]{ConsoleText.Escape(problem)}[/]");
            return ExitCodes.Configuration;
        }
        await using var data = await Open(context, cancellationToken);
        var created = await ApiTokens.CreateAsync(data.Db, name.Trim(), [scope], context.Time, cancellationToken);
        context.Console.MarkupLine($"Token {created.Token.Id} ({ConsoleText.Escape(created.Token.Name)}, {scope}) created. " +
            "Its secret is shown only now; keep it:");
        await context.Out.WriteLineAsync(created.Secret);
        return ExitCodes.Ok;
    }

    private static async Task<int> List(CliContext context, CancellationToken cancellationToken)
    {
        await using var data = await Open(context, cancellationToken);
        var tokens = await data.Db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        if (tokens.Count == 0)
        {
            context.Console.MarkupLine("There is no token yet: [bold]headwater serve[/] creates one at first start.");
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("Id", "Name", "Scopes", "Created", "Last used", "Revoked");
        foreach (var t in tokens)
        {
            table.AddRow(t.Id.ToString(CultureInfo.InvariantCulture), ConsoleText.Escape(t.Name), t.Scopes, Time(t.CreatedAt),
                t.LastUsedAt is { } used ? Time(used) : "never", t.RevokedAt is { } revoked ? $"[red]{Time(revoked)}[/]" : "");
        }
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> Revoke(CliContext context, int id, CancellationToken cancellationToken)
    {
        await using var data = await Open(context, cancellationToken);
        if (!await ApiTokens.RevokeAsync(data.Db, id, context.Time, cancellationToken))
        {
            context.Console.MarkupLine($"[red]There is no token {id}.[/] [bold]headwater tokens list[/] lists them.");
            return ExitCodes.NotFound;
        }
        context.Console.MarkupLine($"Token {id} is revoked.");
        return ExitCodes.Ok;
    }

    private static Task<CommandData> Open(CliContext context, CancellationToken cancellationToken) =>
        CommandData.Open(DataOptions.FromEnvironment(context.Environment), integration: null, prepare: true, cancellationToken);

    private static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
