using System.Text.Json;
using Headwater.Core.Workers;

namespace Headwater.Core.Tests.Workers;

public sealed class StoredFieldsTests
{
    [Fact]
    public void Fields_decode_as_the_JSON_serializer_reads_them_whatever_their_names_and_values_hold()
    {
        var stored = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["firstName"] = "Zoë",
            ["lastName"] = "<b>O'Brien</b> \"the\" \\ نجمة 🚀",
            ["middleName"] = null,
            ["ukg.customField \"quoted\""] = "escaped name",
            ["ukg.名前"] = "非ラテン",
            [new string('n', 300)] = "a name longer than any read stores",
            ["empty"] = "",
        };
        var json = JsonSerializer.Serialize(stored);

        var decoded = StoredFields.Decode(json);

        Assert.Equal(JsonSerializer.Deserialize<Dictionary<string, string?>>(json), decoded);
    }

    [Fact]
    public void Every_worker_decoded_holds_the_same_string_for_a_field_name()
    {
        var first = StoredFields.Decode("""{"primary.jobTitle":"Engineer","ukg.employeeStatusCode":"A"}""");
        var second = StoredFields.Decode("""{"primary.jobTitle":"Nurse","ukg.employeeStatusCode":"L"}""");

        Assert.Same(first.Keys.First(), second.Keys.First());
        Assert.Same(first.Keys.Last(), second.Keys.Last());
        // The raw UKG values a worker keeps by their name without the prefix share their names too.
        var workers = new[] { first, second }.Select(f => StoredWorker.From(f, [])).ToList();
        Assert.Same(workers[0].Raw.Keys.Single(), workers[1].Raw.Keys.Single());
    }

    [Fact]
    public void A_dictionary_decoded_into_again_holds_only_the_last_workers_fields()
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        StoredFields.Decode("""{"firstName":"Zoë","middleName":"Ann","ukg.leaveReasonCode":"PAR"}"""u8, fields);
        var zoe = StoredWorker.From(fields, []);

        StoredFields.Decode("""{"firstName":"Ravi","lastName":"Patel"}"""u8, fields);
        var ravi = StoredWorker.From(fields, []);
        StoredFields.Decode("null"u8, fields);

        Assert.Empty(fields);
        Assert.Equal(("Ravi", "Patel", null), (ravi.FirstName, ravi.LastName, ravi.MiddleName));
        Assert.Empty(ravi.Raw);
        // What a worker was built from is its own: decoding the next one into the same dictionary changes nothing of it.
        Assert.Equal(("Zoë", "Ann", "PAR"), (zoe.FirstName, zoe.MiddleName, zoe.Raw["leaveReasonCode"]));
    }

    [Theory]
    [InlineData("null", 0)]
    [InlineData("{}", 0)]
    public void Null_or_an_empty_object_is_no_fields(string json, int count) => Assert.Equal(count, StoredFields.Decode(json).Count);

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"a":1}""")]
    [InlineData("""{"a":"b" """)]
    public void Anything_but_an_object_of_strings_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => StoredFields.Decode(json));
}
