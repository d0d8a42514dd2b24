using System.Globalization;
using Haven.Server.Accounts;
using Haven.Server.Components;
using Haven.Server.Data;
using Microsoft.AspNetCore.Localization;

namespace Haven.Server.Web;

public static class WebUiRegistration
{
    public static readonly string[] Cultures = ["en", "id"];

    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Cookie (the member's choice) first, then the browser's Accept-Language.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static IApplicationBuilder UseWebUiLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    public static IEndpointRouteBuilder MapWebUi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapStaticAssets();
        endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        endpoints.MapGet("/culture", SetCultureAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The language switcher: remembers the choice in a cookie and, when signed in, on the account.</summary>
    private static async Task<IResult> SetCultureAsync(string? culture, string? redirectUri, HttpContext http, HavenDbContext db)
    {
        var chosen = Cultures.Contains(culture) ? culture! : "en";
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var id = http.User.MemberId();
            var member = await db.Users.FindAsync(id);
            if (member is not null && member.PreferredCulture != chosen)
            {
                member.PreferredCulture = chosen;
                await db.SaveChangesAsync();
            }
        }

        var target = !string.IsNullOrEmpty(redirectUri) && Uri.IsWellFormedUriString(redirectUri, UriKind.Relative) && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal)
            ? redirectUri
            : "/";
        return TypedResults.LocalRedirect(target);
    }
}
