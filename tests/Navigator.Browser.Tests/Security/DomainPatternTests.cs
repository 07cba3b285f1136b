using Navigator.Browser.Security;

namespace Navigator.Browser.Tests.Security;

/// <summary>Pattern parsing and URL decisions, without a browser.</summary>
[Trait("Step", "3")]
public sealed class DomainPatternTests
{
    [Theory]
    // Exact hosts: case, trailing dot, userinfo and ports do not change the host.
    [InlineData("example.com", "http://example.com/", true)]
    [InlineData("example.com", "https://EXAMPLE.Com./a?b#c", true)]
    [InlineData("example.com", "wss://example.com:8443/socket", true)]
    [InlineData("example.com", "http://www.example.com/", false)]
    [InlineData("example.com", "http://example.com.evil.test/", false)]
    [InlineData("example.com", "http://example.com@evil.test/", false)]
    [InlineData("example.com", "http://evil.test@example.com/", true)]
    [InlineData("example.com", "http://notexample.com/", false)]
    // Wildcards: apex and any depth of subdomain, nothing else.
    [InlineData("*.example.com", "http://example.com/", true)]
    [InlineData("*.example.com", "http://a.example.com/", true)]
    [InlineData("*.example.com", "http://a.b.c.example.com/", true)]
    [InlineData("*.example.com", "http://notexample.com/", false)]
    [InlineData("*.example.com", "http://example.com.evil.test/", false)]
    [InlineData("*.example.com", "http://a.example.co/", false)]
    [InlineData("*.example.com", "http://xexample.com/", false)]
    // Schemes.
    [InlineData("https://example.com", "https://example.com/", true)]
    [InlineData("https://example.com", "http://example.com/", false)]
    [InlineData("https://example.com", "wss://example.com/", true)]
    [InlineData("http://example.com", "https://example.com/", false)]
    [InlineData("HTTP*://example.com", "http://example.com/", true)]
    [InlineData("http*://example.com", "https://example.com/", true)]
    // Ports: the effective port (scheme default when absent).
    [InlineData("example.com:8080", "http://example.com:8080/", true)]
    [InlineData("example.com:8080", "http://example.com/", false)]
    [InlineData("https://example.com:443", "https://example.com/", true)]
    [InlineData("*.example.com:8443", "https://api.example.com:8443/", true)]
    [InlineData("*.example.com:8443", "https://api.example.com/", false)]
    // International names: unicode and punycode are the same host; lookalikes are not.
    [InlineData("bücher.example", "http://xn--bcher-kva.example/", true)]
    [InlineData("BÜCHER.example", "http://bücher.example/", true)]
    [InlineData("xn--bcher-kva.example", "http://bücher.example/", true)]
    [InlineData("apple.com", "http://\u0430pple.com/", false)]
    // IP literals in any spelling.
    [InlineData("127.0.0.1", "http://127.0.0.1:9000/", true)]
    [InlineData("127.0.0.1", "http://2130706433/", true)]
    [InlineData("127.0.0.1", "http://0x7f.0.0.1/", true)]
    [InlineData("127.0.0.1", "http://[::ffff:127.0.0.1]/", true)]
    [InlineData("127.0.0.1", "http://127.0.0.2/", false)]
    [InlineData("[::1]", "http://[0:0::1]/", true)]
    [InlineData("[::1]:8080", "http://[::1]:8080/", true)]
    [InlineData("[::1]:8080", "http://[::1]/", false)]
    public void Pattern_MatchesExactlyItsRange(string pattern, string url, bool expected)
    {
        var policy = NavigationPolicy.Allow(pattern).Compile();

        var decision = policy.Evaluate(url);

        Assert.Equal(expected, decision.IsAllowed);
        Assert.Equal(expected ? pattern.Trim() : "not in allowed_domains", decision.Rule);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("*", "every host")]
    [InlineData("*.*", "every host")]
    [InlineData("https://*", "every host")]
    [InlineData("*.com", "top-level domain")]
    [InlineData("ex*ample.com", "first label")]
    [InlineData("*example.com", "first label")]
    [InlineData("example.*", "first label")]
    [InlineData("a.*.example.com", "first label")]
    [InlineData("*.127.0.0.1", "IP")]
    [InlineData("file://example.com", "scheme 'file'")]
    [InlineData("ftp://example.com", "scheme 'ftp'")]
    [InlineData("javascript:alert(1)", "neither host:port")]
    [InlineData("example.com/path", "not paths")]
    [InlineData("example.com?q", "not paths")]
    [InlineData("user@example.com", "user info")]
    [InlineData("example.com:0", "port number")]
    [InlineData("example.com:65536", "port number")]
    [InlineData("example.com:http", "neither host:port")]
    [InlineData("exa mple.com", "not a valid host")]
    [InlineData("exa..mple.com", "not a valid host")]
    [InlineData("-.example.com!", "not a valid host")]
    [InlineData("::1", "brackets")]
    [InlineData("[::1", "closing")]
    public void BadPattern_IsRejectedWithAReason(string pattern, string expectedProblem)
    {
        var error = Assert.Throws<InvalidDomainPatternException>(() => new NavigationPolicy { AllowedDomains = ["ok.example", pattern] }.Compile());

        Assert.Equal(pattern, error.Pattern);
        Assert.Equal("AllowedDomains", error.Setting);
        Assert.Equal(1, error.Index);
        Assert.Contains(expectedProblem, error.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("AllowedDomains[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadBlockedPattern_NamesTheBlockedList()
    {
        var error = Assert.Throws<InvalidDomainPatternException>(() => new NavigationPolicy { BlockedDomains = ["*"] }.Compile());

        Assert.Equal("BlockedDomains", error.Setting);
    }

    [Fact]
    public void BlockedDomains_WinOverAllowedDomains()
    {
        var policy = new NavigationPolicy { AllowedDomains = ["*.example.com"], BlockedDomains = ["*.ads.example.com"] }.Compile();

        Assert.True(policy.Evaluate("https://www.example.com/").IsAllowed);
        var blocked = policy.Evaluate("https://x.ADS.example.com./");
        Assert.False(blocked.IsAllowed);
        Assert.Equal(BlockReason.BlockedDomain, blocked.Reason);
        Assert.Equal("*.ads.example.com", blocked.Rule);
        Assert.Equal("x.ads.example.com", blocked.Host);
        Assert.False(policy.Evaluate("https://ads.example.com/").IsAllowed);
    }

    [Fact]
    public void WithoutAllowlist_OnlyBlockedHostsAreRefused()
    {
        var policy = new NavigationPolicy { BlockedDomains = ["evil.test"] }.Compile();

        Assert.True(policy.Evaluate("https://anything.example/").IsAllowed);
        Assert.False(policy.Evaluate("http://EVIL.test./").IsAllowed);
        Assert.True(policy.HasHostRules);
        Assert.False(NavigationPolicy.Unrestricted.Compile().HasHostRules);
    }

    [Fact]
    public void EmptyAllowlist_AllowsNoHost()
    {
        var policy = new NavigationPolicy { AllowedDomains = [] }.Compile();

        Assert.False(policy.Evaluate("https://example.com/").IsAllowed);
        Assert.True(policy.Evaluate("about:blank").IsAllowed);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file:")]
    [InlineData("chrome://settings", "chrome:")]
    [InlineData("chrome-extension://abcdef/page.html", "chrome-extension:")]
    [InlineData("devtools://devtools/bundled/inspector.html", "devtools:")]
    [InlineData("view-source:https://example.com/", "view-source:")]
    [InlineData("javascript:alert(1)", "javascript:")]
    [InlineData("JavaScript:alert(1)", "javascript:")]
    [InlineData("data:text/html,<h1>hi</h1>", "data:")]
    [InlineData("filesystem:https://example.com/temporary/x", "filesystem:")]
    [InlineData("mailto:someone@example.com", "mailto:")]
    [InlineData("about:config", "about:")]
    public void DangerousSchemes_AreRefusedByDefault(string url, string rule)
    {
        var decision = NavigationPolicy.Unrestricted.Compile().Evaluate(url);

        Assert.False(decision.IsAllowed);
        Assert.Equal(BlockReason.Scheme, decision.Reason);
        Assert.Equal(rule, decision.Rule);
    }

    [Fact]
    public void DataAndAboutBlank_FollowTheirOptions()
    {
        var defaults = NavigationPolicy.Unrestricted.Compile();
        Assert.True(defaults.Evaluate("about:blank").IsAllowed);
        Assert.False(defaults.Evaluate("data:text/html,x").IsAllowed);
        Assert.True(defaults.Evaluate("data:image/png;base64,AAAA", isNavigation: false).IsAllowed);

        var flipped = new NavigationPolicy { AllowDataUrls = true, AllowAboutBlank = false }.Compile();
        Assert.True(flipped.Evaluate("data:text/html,x").IsAllowed);
        Assert.False(flipped.Evaluate("about:blank").IsAllowed);
    }

    [Fact]
    public void BlobUrls_AreJudgedByTheirOrigin()
    {
        var policy = NavigationPolicy.Allow("allowed.test").Compile();

        Assert.True(policy.Evaluate("blob:http://allowed.test/7d3c5f0e-0000-4000-8000-000000000000").IsAllowed);
        Assert.False(policy.Evaluate("blob:http://evil.test/7d3c5f0e-0000-4000-8000-000000000000").IsAllowed);
    }

    [Fact]
    public void UnparsableUrls_AreRefused()
    {
        var policy = NavigationPolicy.Allow("allowed.test").Compile();

        var decision = policy.Evaluate("http://exa mple.com/");

        Assert.False(decision.IsAllowed);
        Assert.Equal(BlockReason.InvalidUrl, decision.Reason);
    }
}
