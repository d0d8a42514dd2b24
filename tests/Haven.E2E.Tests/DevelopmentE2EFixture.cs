namespace Haven.E2E.Tests;

/// <summary>
/// Haven in the Development environment (fresh SQLite, no demo data) and one headless Chromium:
/// for features that exist only in Development, such as the test credential issuer.
/// </summary>
public sealed class DevelopmentE2EFixture() : E2EFixture(new Dictionary<string, string?> { ["Haven:Demo:Seed"] = "false" }, "Development");
