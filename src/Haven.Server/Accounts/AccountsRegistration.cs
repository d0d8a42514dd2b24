using System.Threading.RateLimiting;
using Haven.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Haven.Server.Accounts;

public static class AccountsRegistration
{
    /// <summary>Cookie for the web UI, bearer tokens for API and hub clients, chosen per request.</summary>
    public const string CookieOrBearer = "CookieOrBearer";

    public const string AuthRateLimit = "auth";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountsOptions>().Bind(configuration.GetSection(AccountsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(AccountsOptions.Section).Get<AccountsOptions>() ?? new AccountsOptions();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(options.BearerTokenMinutes);
                o.Events.OnMessageReceived = context =>
                {
                    // Browsers' WebSocket API cannot set headers, so hub clients pass the token in the query.
                    if (context.Request.Path.StartsWithSegments("/hubs")
                        && context.Request.Query.TryGetValue("access_token", out var token))
                        context.Token = token;
                    return Task.CompletedTask;
                };
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/";
            o.Cookie.Name = "haven.auth";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<Member>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // NIST SP 800-63B: length and a breached-password check, no composition rules.
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = options.LockoutAfterFailures;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(options.LockoutMinutes);
                o.User.AllowedUserNameCharacters += "+";
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<HavenDbContext>()
            .AddSignInManager<HavenSignInManager>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Member, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Moderator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Moderator, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthRateLimit, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<AccountsOptions>>().Value.AuthRequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });

        // Stamps are re-checked this often everywhere (cookies, bearer tokens, circuits): see SecurityStampCheck.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(options.SecurityStampCheckSeconds));
        services.AddSingleton<SecurityStampCheck>();
        services.AddTransient<IClaimsTransformation, SecurityStampTransformation>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SignedOutChallengeHandler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, StampRevalidatingStateProvider>();

        services.AddScoped<MemberRegistration>();
        services.AddScoped<IStartupSeeder, RoleSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        AccountEndpoints.Map(endpoints.MapGroup("/api/accounts").WithTags("Accounts"));
        AccountPageEndpoints.Map(endpoints);
        AccountDeletion.Map(endpoints);
        return endpoints;
    }

    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return IdentityConstants.BearerScheme;
        if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey("access_token"))
            return IdentityConstants.BearerScheme;
        return IdentityConstants.ApplicationScheme;
    }

    private static Task StatusOrRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string Member = "Member";

    /// <summary>Members in the <see cref="Roles.Moderator"/> role: reviewers, trust and safety staff.</summary>
    public const string Moderator = "Moderator";

    /// <summary>Members in the <see cref="Roles.Admin"/> role: run the service, see the audit log; they also moderate.</summary>
    public const string Admin = "Admin";
}

public static class Roles
{
    public const string Moderator = "Moderator";
    public const string Admin = "Admin";

    public static readonly string[] All = [Moderator, Admin];
}
