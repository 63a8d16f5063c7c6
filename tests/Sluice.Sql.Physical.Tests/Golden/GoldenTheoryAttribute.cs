using Xunit.Sdk;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// A theory over golden cases whose first argument is a case name: rows of cases marked <c>-- pending: reason</c>
/// are reported as skipped with that reason (see <see cref="GoldenTheoryDiscoverer"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("Sluice.Sql.Physical.Tests.Golden.GoldenTheoryDiscoverer", "Sluice.Sql.Physical.Tests")]
public sealed class GoldenTheoryAttribute : TheoryAttribute
{
}
