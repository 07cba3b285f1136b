using System.Net;
using Navigator.Browser.Launching;
using Navigator.Browser.Security;

namespace Navigator.Browser.Tests.Security;

/// <summary>Connection-level decisions (host and port, scheme unknown) and host resolver rules, without a browser.</summary>
[Trait("Step", "3")]
public sealed class EgressPolicyTests
{
    [Theory]
    // Plain host patterns: any port.
    [InlineData("allowed.test", null, "allowed.test", 80, true)]
    [InlineData("allowed.test", null, "ALLOWED.test.", 9999, true)]
    [InlineData("allowed.test", null, "evil.test", 80, false)]
    [InlineData("*.allowed.test", null, "ws.api.allowed.test", 443, true)]
    // Scheme-bound patterns: allowed when some scheme they admit could use that port.
    [InlineData("https://secure.test", null, "secure.test", 443, true)]
    [InlineData("https://secure.test", null, "secure.test", 8080, true)]
    [InlineData("https://secure.test:443", null, "secure.test", 443, true)]
    [InlineData("https://secure.test:443", null, "secure.test", 80, false)]
    [InlineData("http://plain.test:8080", null, "plain.test", 8080, true)]
    [InlineData("http://plain.test:8080", null, "plain.test", 8081, false)]
    // Blocks: a block of every scheme wins; a block of one scheme leaves the other.
    [InlineData(null, "evil.test", "evil.test", 80, false)]
    [InlineData(null, "evil.test", "good.test", 80, true)]
    [InlineData(null, "http://evil.test", "evil.test", 80, true)]
    [InlineData(null, "evil.test:8080", "evil.test", 8081, true)]
    // IP literals in every spelling, IPv6 in brackets.
    [InlineData("127.0.0.1", null, "127.0.0.1", 80, true)]
    [InlineData("127.0.0.1", null, "2130706433", 80, true)]
    [InlineData("allowed.test", null, "127.0.0.1", 80, false)]
    [InlineData("[::1]", null, "[::1]", 80, true)]
    [InlineData(null, "[::1]", "[0:0:0:0:0:0:0:1]", 80, false)]
    [InlineData("[::1]", null, "::1", 80, true)]
    // Not a host.
    [InlineData(null, null, "evil.test/x", 80, false)]
    [InlineData(null, null, "a@evil.test", 80, false)]
    [InlineData(null, null, "", 80, false)]
    public void EvaluateEndpoint_AllowsWhenAnySchemeWould(string? allowed, string? blocked, string host, int port, bool expected)
    {
        var policy = new NavigationPolicy
        {
            AllowedDomains = allowed is null ? null : [allowed],
            BlockedDomains = blocked is null ? [] : [blocked],
        }.Compile();

        Assert.Equal(expected, policy.EvaluateEndpoint(host, port).IsAllowed);
    }

    [Fact]
    public void EvaluateEndpoint_NamesTheBlockingRule()
    {
        var policy = new NavigationPolicy { AllowedDomains = ["good.example"], BlockedDomains = ["https://evil.test"] }.Compile();

        var decision = policy.EvaluateEndpoint("evil.test", 443);

        Assert.Equal("evil.test", decision.Host);
        Assert.Equal(BlockReason.BlockedDomain, decision.Reason);
        Assert.Equal("https://evil.test", decision.Rule);
    }

    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    [InlineData("::1", false)]
    public void ResolvedAddress_IsCheckedAgainstBlockedIpLiterals(string address, bool expected)
    {
        var policy = new NavigationPolicy { AllowedDomains = ["api.test"], BlockedDomains = ["169.254.169.254", "[::1]"] }.Compile();

        var decision = policy.EvaluateResolvedAddress("api.test", IPAddress.Parse(address), 443);

        Assert.Equal(expected, decision.IsAllowed);
        if (!expected)
        {
            Assert.Equal("api.test", decision.Host);
            Assert.Equal(BlockReason.BlockedDomain, decision.Reason);
        }
    }

    [Fact]
    public void ResolvedAddress_NeedNotBeInTheAllowlist()
    {
        var policy = NavigationPolicy.Allow("api.test").Compile();

        Assert.True(policy.EvaluateResolvedAddress("api.test", IPAddress.Parse("203.0.113.7"), 443).IsAllowed);
    }

    [Theory]
    [InlineData("MAP *.test 127.0.0.1", "allowed.test", 80, "127.0.0.1", 80)]
    [InlineData("MAP *.test 127.0.0.1", "a.b.test", 443, "127.0.0.1", 443)]
    [InlineData("MAP *.test 127.0.0.1", "test.example", 80, null, 0)]
    [InlineData("MAP *.test 127.0.0.1:8080", "allowed.test", 80, "127.0.0.1", 8080)]
    [InlineData("MAP api.test:443 [::1]:9443", "api.test", 443, "::1", 9443)]
    [InlineData("MAP api.test:443 [::1]:9443", "api.test", 80, null, 0)]
    [InlineData("MAP a?.test other.example", "ab.test", 80, "other.example", 80)]
    [InlineData("EXCLUDE keep.test, MAP *.test 127.0.0.1", "keep.test", 80, null, 0)]
    [InlineData("EXCLUDE keep.test, MAP *.test 127.0.0.1", "other.test", 80, "127.0.0.1", 80)]
    [InlineData("MAP first.test 10.0.0.1; MAP *.test 10.0.0.2", "first.test", 80, "10.0.0.1", 80)]
    public void HostResolverRules_MapLikeChromium(string rules, string host, int port, string? expectedHost, int expectedPort)
    {
        var parsed = HostResolverRules.Parse(rules);

        var matched = parsed.TryMap(host, port, out var mapped);

        Assert.Equal(expectedHost is not null, matched);
        if (matched)
        {
            Assert.Equal(expectedHost, mapped.Host);
            Assert.Equal(expectedPort, mapped.Port);
        }
    }

    [Fact]
    public void HostResolverRules_NotFound()
    {
        Assert.True(HostResolverRules.Parse("MAP gone.test ~NOTFOUND").TryMap("gone.test", 80, out var mapped));
        Assert.True(mapped.IsNotFound);
    }

    [Theory]
    [InlineData("MAP *.test")]
    [InlineData("REWRITE *.test 127.0.0.1")]
    [InlineData("MAP *.test 127.0.0.1:99999")]
    [InlineData("MAP *.test bad/host")]
    public void HostResolverRules_BadRule_IsAClearError(string rules)
    {
        var error = Assert.Throws<FormatException>(() => HostResolverRules.Parse(rules));

        Assert.Contains("host resolver rule", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostResolverRules_FromOptions_LastSwitchWins()
    {
        var options = new ChromiumOptions { HostResolverRules = "MAP *.test 10.0.0.1" };
        Assert.Equal("MAP *.test 10.0.0.1", HostResolverRules.From(options).Text);

        options.ExtraArguments.Add("--host-resolver-rules=MAP *.test 127.0.0.1");
        Assert.True(HostResolverRules.From(options).TryMap("x.test", 80, out var mapped));
        Assert.Equal("127.0.0.1", mapped.Host);
        Assert.True(HostResolverRules.From(new ChromiumOptions()).IsEmpty);
    }
}
