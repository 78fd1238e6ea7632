namespace Headwater.Core.Tests.Mapping;

public sealed class DateFunctionTests
{
    [Theory]
    [InlineData("2026-11-23", "dd/MM/yyyy", "23/11/2026")]
    [InlineData("2026-11-23", "yyyyMMdd", "20261123")]
    [InlineData("2026-11-23", "MMMM d, yyyy", "November 23, 2026")]
    [InlineData("2026-11-23", "dddd", "Monday")]
    [InlineData("2026-11-23T00:00:00", "yyyy-MM-dd", "2026-11-23")]
    [InlineData("2026-11-23T08:30:00", "yyyyMMddHHmm", "202611230830")]
    [InlineData("2026-11-23T08:30", "HH:mm", "08:30")]
    [InlineData("2026-11-23T08:30:00.123", "ss.fff", "00.123")]
    [InlineData("2026-11-23T08:30:00Z", "HH:mm zzz", "08:30 +00:00")]
    [InlineData("2026-11-23T08:30:00+02:00", "HH:mm zzz", "08:30 +02:00")]
    [InlineData("2026-11-23T23:30:00-05:00", "yyyy-MM-dd", "2026-11-23")]
    [InlineData(" 2026-11-23 ", "yyyy", "2026")]
    public void Date_reads_iso_dates_and_writes_a_custom_format_in_the_invariant_culture(string x, string format, string expected) =>
        Assert.Equal(expected, Sample.EvaluateWith($"date(x, '{format}')", x));

    [Theory]
    [InlineData("23/11/2026")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("2026-11-23 08:30")]
    [InlineData("tomorrow")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Date_of_anything_but_an_iso_date_is_null(string? x) =>
        Assert.Null(Sample.EvaluateWith("date(x, 'yyyy-MM-dd')", x));

    [Fact]
    public void Date_with_a_format_that_is_not_valid_at_evaluation_is_null() =>
        Assert.Null(Sample.Evaluate("date('2026-11-23', firstName + '%')"));

    [Fact]
    public void Date_nests_with_other_functions() =>
        Assert.Equal("hired 2026-11", Sample.Evaluate("'hired ' + date(coalesce(preferredName, '2026-11-23T00:00:00'), 'yyyy-MM')"));
}
