using Microsoft.Extensions.Options;

namespace SalesCoachBot.Host.Tests.Hosting;

/// <summary>Which exceptions the host reports as the operator's mistakes, and how.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public void Describe_MessageQuotingAConnectionString_MasksThePassword()
    {
        var failure = new OptionsValidationException("x", typeof(object), ["ConnectionStrings:SalesCoach 'Host=db;Password=hunter2;Username=u' is invalid."]);

        var line = Assert.Single(StartupFailure.Describe(failure)!);

        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
        Assert.Contains("Password=***;Username=u", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_AggregateOfTheSameFailureTwice_OneLine()
    {
        var one = new OptionsValidationException("x", typeof(object), ["Crm:Provider must be one of none, hubspot."]);

        Assert.Single(StartupFailure.Describe(new AggregateException(one, one))!);
    }

    [Fact]
    public void Describe_ABug_IsNotDisguisedAsTheOperatorsMistake()
    {
        Assert.Null(StartupFailure.Describe(new InvalidOperationException("Sequence contains no elements")));
        Assert.Null(StartupFailure.Describe(new NullReferenceException()));
        Assert.Null(StartupFailure.Describe(new ArgumentException("bad id")));
        Assert.Null(StartupFailure.Describe(new AggregateException(new OptionsValidationException("x", typeof(object), ["a"]), new InvalidOperationException("bug"))));
    }
}
