using System.Security.Claims;
using System.Threading.RateLimiting;
using Haven.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Haven.Server.Security;

/// <summary>Strong sign-in: two-factor, passkeys, sessions with revoke, new-device notices, safe recovery.</summary>
public static class SecurityRegistration
{
    public const string RecoveryRateLimit = "recovery";

    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        if (options.EmailOutbox && environment.IsProduction())
            throw new InvalidOperationException("Haven:Security:EmailOutbox keeps live reset links in the database and is for development only.");

        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = Data.HavenDbContext.IdentitySchema);
        // Identity rebuilds the cookie principal when it re-checks the security stamp: keep the session id.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(SessionClaims.SessionId) is { } sid && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                identity.AddClaim(new Claim(SessionClaims.SessionId, sid.Value));
            return Task.CompletedTask;
        });
        services.AddHttpContextAccessor();
        services.AddScoped<SessionRegistry>();
        services.AddScoped<SecurityService>();
        services.AddSingleton<RecoveryThrottle>();
        // One transformation and one circuit revalidator exist: these check Accounts' security stamp and the session.
        services.Replace(ServiceDescriptor.Scoped<IClaimsTransformation, SessionValidation>());
        services.Configure<HubOptions>(o => o.AddFilter(new SessionHubFilter()));
        services.Replace(ServiceDescriptor.Scoped<AuthenticationStateProvider, SessionRevalidatingStateProvider>());
        if (options.EmailOutbox)
            services.AddScoped<IEmailSender, OutboxEmailSender>();
        else
            services.AddScoped<IEmailSender, UndeliverableEmailSender>();

        services.AddRateLimiter(o => o.AddPolicy(RecoveryRateLimit, context =>
        {
            var settings = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.RecoveryRequestsPerWindow,
                    Window = TimeSpan.FromMinutes(settings.RecoveryWindowMinutes),
                    QueueLimit = 0,
                });
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapSecurity(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/accounts/security").WithTags("Security").RequireAuthorization(Policies.Member);
        me.MapGet("/", async (HttpContext http, UserManager<Member> users, SecurityService security) =>
            await WithMemberAsync(http, users, async m => TypedResults.Ok(await security.StatusAsync(m))));
        me.MapGet("/sessions", async (HttpContext http, SessionRegistry sessions, CancellationToken ct) =>
        {
            var current = http.User.SessionIdOf();
            var rows = await sessions.ActiveAsync(http.User.MemberId(), ct);
            return TypedResults.Ok(rows.Select(s => new SessionView(s.Id, s.Device, s.Method, s.CreatedAt, s.LastSeenAt, s.Id == current)).ToList());
        });
        me.MapDelete("/sessions/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, HttpContext http, SessionRegistry sessions, CancellationToken ct) =>
            await sessions.RevokeAsync(http.User.MemberId(), id, ct)
                ? TypedResults.NoContent()
                : TypedResults.Problem("This session could not be found.", statusCode: StatusCodes.Status404NotFound));
        me.MapPost("/sessions/revoke-others", async (HttpContext http, SessionRegistry sessions, CancellationToken ct) =>
            TypedResults.Ok(new { revoked = await sessions.RevokeAllAsync(http.User.MemberId(), http.User.SessionIdOf(), ct) }));
        me.MapGet("/notices", async (HttpContext http, SessionRegistry sessions, CancellationToken ct) =>
            TypedResults.Ok((await sessions.NoticesAsync(http.User.MemberId(), ct))
                .Select(n => new NoticeView(n.Id, n.Kind, n.Device, n.CreatedAt, n.SeenAt is not null)).ToList()));
        me.MapPost("/notices/seen", async (HttpContext http, SessionRegistry sessions, CancellationToken ct) =>
        {
            await sessions.MarkNoticesSeenAsync(http.User.MemberId(), ct);
            return TypedResults.NoContent();
        });

        me.MapPost("/two-factor/authenticator", async (HttpContext http, UserManager<Member> users, SecurityService security) =>
            await WithMemberAsync(http, users, async m => TypedResults.Ok(await security.AuthenticatorAsync(m))));
        me.MapPost("/two-factor/enable", async (TwoFactorCodeRequest request, HttpContext http, UserManager<Member> users, SecurityService security) =>
            await WithMemberAsync(http, users, async m =>
            {
                var outcome = await security.EnableTwoFactorAsync(m, request.Code, http, http.RequestAborted);
                return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
            }));
        me.MapPost("/two-factor/disable", async (HttpContext http, UserManager<Member> users, SecurityService security) =>
            await WithMemberAsync(http, users, async m =>
            {
                await security.DisableTwoFactorAsync(m, http, http.RequestAborted);
                return TypedResults.NoContent();
            }));
        me.MapPost("/two-factor/recovery-codes", async (HttpContext http, UserManager<Member> users, SecurityService security) =>
            await WithMemberAsync(http, users, async m =>
            {
                var outcome = await security.NewRecoveryCodesAsync(m);
                return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
            }));

        me.MapGet("/passkeys", async (HttpContext http, UserManager<Member> users, SecurityService security) =>
            await WithMemberAsync(http, users, async m => TypedResults.Ok(await security.PasskeysAsync(m))));
        // JSON bodies only: a cross-site form cannot send them without a CORS preflight, so cookie callers are safe.
        me.MapPost("/passkeys/options", async (HttpContext http, UserManager<Member> users, SecurityService security) =>
            await WithMemberAsync(http, users, async m => TypedResults.Content(await security.PasskeyCreationOptionsAsync(m), "application/json")));
        me.MapPost("/passkeys", async (PasskeyCredentialRequest request, HttpContext http, UserManager<Member> users, SecurityService security) =>
            await WithMemberAsync(http, users, async m =>
            {
                var outcome = await security.AddPasskeyAsync(m, request, http, http.RequestAborted);
                return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
            }));
        me.MapDelete("/passkeys/{id}", async (string id, HttpContext http, UserManager<Member> users, SecurityService security) =>
            await WithMemberAsync(http, users, async m => await security.RemovePasskeyAsync(m, id)
                ? TypedResults.NoContent()
                : new Refusal(StatusCodes.Status404NotFound, "NotFound", "This passkey could not be found.").ToResult()));

        var anonymous = endpoints.MapGroup("/api/accounts").WithTags("Security").AllowAnonymous();
        anonymous.MapPost("/passkey/options", async (PasskeyOptionsRequest request, UserManager<Member> users, SignInManager<Member> signIn) =>
        {
            // Without an email the browser offers every passkey it holds for Haven (discoverable credentials);
            // with one, an unknown address gets the same kind of answer as a known one.
            var member = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
            return TypedResults.Content(await signIn.MakePasskeyRequestOptionsAsync(member), "application/json");
        }).RequireRateLimiting(AccountsRegistration.AuthRateLimit);
        anonymous.MapPost("/passkey/login", async Task<IResult> (PasskeyCredentialRequest request, bool? useCookies, SignInManager<Member> signIn) =>
        {
            signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
            var result = await signIn.PasskeySignInAsync(request.CredentialJson);
            return result.Succeeded
                ? TypedResults.Empty
                : TypedResults.Problem(result.IsLockedOut ? "Too many failed attempts. Please wait a few minutes and try again." : "That passkey did not work here.",
                    statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }).RequireRateLimiting(AccountsRegistration.AuthRateLimit);
        anonymous.MapPost("/password/forgot", async (ForgotPasswordRequest request, HttpContext http, SecurityService security, CancellationToken ct) =>
        {
            await security.RequestPasswordResetAsync(request.Email, $"{http.Request.Scheme}://{http.Request.Host}", ct);
            // The same answer whether or not the address has an account.
            return TypedResults.Accepted((string?)null, new { message = "If an account uses this address, we have sent it a link to reset the password." });
        }).RequireRateLimiting(RecoveryRateLimit);
        anonymous.MapPost("/password/reset", async (ResetPasswordRequest request, HttpContext http, SecurityService security, CancellationToken ct) =>
            await security.ResetPasswordAsync(request, http, ct) is { } refusal ? refusal.ToResult() : TypedResults.NoContent())
            .RequireRateLimiting(RecoveryRateLimit);
        return endpoints;
    }

    private static async Task<IResult> WithMemberAsync(HttpContext http, UserManager<Member> users, Func<Member, Task<IResult>> work) =>
        await users.FindByIdAsync(http.User.MemberId().ToString()) is { } member ? await work(member) : TypedResults.NotFound();
}
