using System.Net;
using System.Text.Json.Nodes;

namespace Headwater.Simulator.Tests.Scim;

/// <summary>Holding the SCIM application's writes after the first few, so a client can be looked at mid-way.</summary>
public sealed class ScimWriteHoldTests
{
    [Fact]
    public async Task Writes_after_the_passing_ones_wait_while_reads_answer_and_go_on_when_the_hold_ends()
    {
        await using var scim = await ScimClient.StartAsync();
        var hold = scim.Simulator.HoldWrites(passing: 1);
        await scim.CreateUser("first");

        var second = scim.CreateUser("second");
        var patch = scim.Send(HttpMethod.Patch, $"Users/{IdOf(scim, "first")}",
            ScimClient.Patch(ScimClient.Op("replace", "displayName", JsonValue.Create("First"))));
        await WaitUntil(() => hold.Held == 2);

        Assert.False(second.IsCompleted);
        Assert.False(patch.IsCompleted);
        var list = await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, "Users");
        Assert.Equal(1, list["totalResults"]!.GetValue<int>());
        Assert.Equal(1, scim.Simulator.UserCount);

        hold.Dispose();

        await second;
        Assert.Equal(HttpStatusCode.OK, (await patch).Status);
        Assert.Equal(0, hold.Held);
        await scim.CreateUser("third");
        Assert.Equal(["first", "second", "third"], scim.Simulator.Users.Select(u => u["userName"]!.GetValue<string>()));
        Assert.Equal("First", scim.Simulator.Users[0]["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deletes_are_held_too_and_only_one_hold_is_on_at_a_time()
    {
        await using var scim = await ScimClient.StartAsync();
        var id = await scim.CreateUser("leaver");
        var hold = scim.Simulator.HoldWrites(passing: 0);
        var delete = scim.Send(HttpMethod.Delete, $"Users/{id}");
        await WaitUntil(() => hold.Held == 1);

        Assert.Throws<InvalidOperationException>(() => scim.Simulator.HoldWrites(passing: 0));
        await scim.Expect(HttpStatusCode.OK, HttpMethod.Get, $"Users/{id}");
        Assert.False(delete.IsCompleted);
        hold.Dispose();

        Assert.Equal(HttpStatusCode.NoContent, (await delete).Status);
        Assert.Equal(0, scim.Simulator.UserCount);
        using var again = scim.Simulator.HoldWrites(passing: 1);
        await scim.CreateUser("joiner");
        Assert.Equal(0, again.Held);
    }

    private static string IdOf(ScimClient scim, string userName) =>
        scim.Simulator.Users.Single(u => u["userName"]!.GetValue<string>() == userName)["id"]!.GetValue<string>();

    /// <summary>Polls the condition for up to ten seconds.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "Not true within ten seconds.");
            await Task.Delay(20);
        }
    }
}
