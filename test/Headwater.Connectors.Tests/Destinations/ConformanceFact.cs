using Xunit.Abstractions;
using Xunit.Sdk;

namespace Headwater.Connectors.Tests.Destinations;

/// <summary>A test of a conformance suite: it runs for every destination deriving from the suite, except one whose
/// class says the suite does not apply (<see cref="SuiteDoesNotApplyAttribute"/>), for which it is listed as skipped with
/// the reason, so the test report shows what was not run against that destination and why.</summary>
[XunitTestCaseDiscoverer("Headwater.Connectors.Tests.Destinations.ConformanceFactDiscoverer", "Headwater.Connectors.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceFactAttribute : FactAttribute;

/// <summary>Marks a destination's test class whose destination the suite it derives from does not apply to, and why.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SuiteDoesNotApplyAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var options = discoveryOptions.MethodDisplayOptionsOrDefault();
        var notApplying = testMethod.TestClass.Class.GetCustomAttributes(typeof(SuiteDoesNotApplyAttribute)).FirstOrDefault();
        return notApplying is null
            ? [new XunitTestCase(diagnosticMessageSink, display, options, testMethod)]
            : [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, options, testMethod,
                $"Does not apply: {notApplying.GetConstructorArguments().First()}")];
    }
}
