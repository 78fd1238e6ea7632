using Headwater.Connectors.Ldap;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>The initial password an Active Directory account is given: AD's complexity rule refuses one without three
/// of the four character classes, or holding the account name or a part of the display name.</summary>
public sealed class ActiveDirectoryPasswordTests
{
    [Theory]
    [InlineData("aa1", "Aaron Aa1-Baker")]
    [InlineData("ada.lovelace", "Ada Lovelace")]
    [InlineData("x9", "Bo Li")]
    public void It_has_every_class_and_holds_neither_the_account_name_nor_a_part_of_the_display_name(string accountName, string displayName)
    {
        string[] names = [.. displayName.Split(' ', '-').Append(accountName).Where(n => n.Length >= 3)];

        for (var i = 0; i < 500; i++)
        {
            var password = ActiveDirectoryAccount.InitialPassword(accountName, displayName);

            Assert.Equal(24, password.Length);
            Assert.Contains(password, char.IsUpper);
            Assert.Contains(password, char.IsLower);
            Assert.Contains(password, char.IsDigit);
            Assert.Contains(password, c => !char.IsLetterOrDigit(c));
            Assert.DoesNotContain(names, n => password.Contains(n, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Passwords_differ()
    {
        var passwords = Enumerable.Range(0, 100)
            .Select(_ => ActiveDirectoryAccount.InitialPassword("ada.lovelace", "Ada Lovelace")).ToHashSet();

        Assert.Equal(100, passwords.Count);
    }
}
