using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Haven.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>A suspended member reads the statement of reasons and appeals, on a phone-sized screen.</summary>
public sealed class Moderation_in_the_browser(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task Suspended_member_reads_the_statement_of_reasons_and_appeals()
    {
        var app = fixture.App;
        var ayu = await app.RegisterAsync();
        var ben = await app.RegisterAsync();
        var moderator = await app.MakeModeratorAsync(await app.RegisterAsync());
        var reported = await ayu.Http.PostAsJsonAsync("/api/reports", new { target = "profile", category = "harassment", memberId = ben.Id });
        Assert.True(reported.IsSuccessStatusCode);
        var reportId = (await reported.Content.ReadFromJsonAsync<Haven.Server.Moderation.ReportView>())!.Id;
        var caseId = await app.QueryAsync(db => db.Reports.Where(r => r.Id == reportId).Select(r => r.CaseId).SingleAsync());
        var suspended = await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/actions",
            new { action = "suspend", rule = "harassment", facts = "Repeated insults after being asked to stop.", days = 3 });
        Assert.True(suspended.IsSuccessStatusCode);

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB", ViewportSize = new() { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/signin"));
        await page.GetByLabel("Email").FillAsync(ben.Email);
        await page.GetByLabel("Password").FillAsync(ben.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/browse$"));

        await page.GotoAsync(Url("/notices"));
        var statement = page.GetByTestId("notice-item").Filter(new() { HasText = "A decision about your account" });
        await Assertions.Expect(statement).ToContainTextAsync("Your account is suspended");
        await Assertions.Expect(statement).ToContainTextAsync("Repeated insults after being asked to stop.");
        await statement.GetByLabel("Think we got it wrong? Tell us why").FillAsync("I was quoting a song, not insulting anyone.");
        await statement.GetByTestId("appeal-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notices-status")).ToHaveTextAsync("Your appeal was sent. A different moderator will look at it.");
        await Assertions.Expect(statement.GetByTestId("appeal-status")).ToHaveTextAsync("Your appeal is being looked at.");
        Assert.True(await app.QueryAsync(db => db.Appeals.AnyAsync(a => a.MemberId == ben.Id && a.Text == "I was quoting a song, not insulting anyone.")));

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the 360px viewport");
    }

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();
}
