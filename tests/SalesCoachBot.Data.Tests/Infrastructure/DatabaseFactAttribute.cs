using Xunit.Abstractions;
using Xunit.Sdk;

namespace SalesCoachBot.Data.Tests.Infrastructure;

/// <summary>
/// A test that runs against each database provider. In classes for PostgreSQL it is skipped only on a
/// developer machine without <c>SALESCOACH_TEST_POSTGRES</c>; with <c>CI=true</c> it always runs (and fails
/// without a server).
/// </summary>
[XunitTestCaseDiscoverer("SalesCoachBot.Data.Tests.Infrastructure.DatabaseFactDiscoverer", "SalesCoachBot.Data.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseFactAttribute : FactAttribute;

public sealed class DatabaseFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var forPostgres = testMethod.TestClass.Class.Name.Contains("Postgres", StringComparison.Ordinal);
        if (forPostgres && TestDatabase.PostgresServer is null && !TestDatabase.IsCi)
        {
            yield return new XunitSkippedDataRowTestCase(
                diagnosticMessageSink, display, displayOptions, testMethod,
                $"{TestDatabase.PostgresVariable} is not set (run tests/start-postgres.sh); required when CI=true");
            yield break;
        }

        yield return new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
    }
}
