using Xunit.Abstractions;
using Xunit.Sdk;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// Discovers <see cref="GoldenTheoryAttribute"/> theories: a data row of a pending case becomes a skipped test case,
/// unless <c>GOLDEN_RUN_PENDING=1</c> (to try pending cases while their feature is being finished).
/// </summary>
public sealed class GoldenTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions,
        ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        return dataRow is [string name, ..] && Environment.GetEnvironmentVariable("GOLDEN_RUN_PENDING") != "1"
               && GoldenCase.PendingReasonFor(name) is { } reason
            ? CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason)
            : base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }
}
