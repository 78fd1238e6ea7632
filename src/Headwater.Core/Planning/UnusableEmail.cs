using Headwater.Core.Mapping;
using Headwater.Core.Workers;

namespace Headwater.Core.Planning;

/// <summary>
/// A worker's UKG email address that no account may take because the connector flagged it: shared with other
/// people (after trimming and case-folding) or not a valid address. A shared address is nobody's: who owns the
/// mailbox is never guessed. The worker is mapped as if UKG had no address for them (the SCIM userName falls back to
/// the employee number, and no email is sent or matched on). An account that already exists keeps the values that
/// came from the address (<see cref="Targets"/>): when one sharer is the owner and the other a typing error in UKG,
/// taking the address away would change the owner's sign-in name.
/// </summary>
internal sealed record UnusableEmail(string Note, IReadOnlySet<string> Targets)
{
    /// <summary>The worker's values with the address left out, and the flagged address when there is one.</summary>
    public static (MappedWorker Mapped, UnusableEmail? Email) Map(Worker worker, Dictionary<string, string?> attributes, Mapper mapper)
    {
        var withAddress = mapper.Map(worker.Id, attributes);
        var issue = worker.Issues.FirstOrDefault(i => i.Code is "shared-email" or "invalid-email");
        if (issue is null || worker.Email is null)
        {
            return (withAddress, null);
        }
        // A copy, so scope and group rules still read UKG's data as it is.
        var withoutAddress = new Dictionary<string, string?>(attributes, StringComparer.Ordinal) { ["email"] = null };
        if (withoutAddress.ContainsKey(RawAddress))
        {
            withoutAddress[RawAddress] = null;
        }
        var mapped = mapper.Map(worker.Id, withoutAddress);
        var targets = mapped.Values.Zip(withAddress.Values)
            .Where(pair => !string.Equals(pair.First.Value, pair.Second.Value, StringComparison.Ordinal))
            .Select(pair => pair.First.Target)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fix = issue.Code == "shared-email" ? "Give each person their own address in UKG" : "Correct the address in UKG";
        var note = $"{issue.Message} It is not used as a userName or email (an existing account keeps its own). {fix}.";
        return (mapped, new(note, targets));
    }

    /// <summary>UKG's own field for the address, which a mapping may name instead of <c>email</c>.</summary>
    private const string RawAddress = "ukg.person.emailAddress";
}
