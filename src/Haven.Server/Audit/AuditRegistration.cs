using Haven.Audit;
using Haven.Server.Accounts;
using Haven.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Audit;

public static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<IAuditTrail, AuditTrail>();
        return services;
    }

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        admin.MapGet("/verify", VerifyAsync);
        return endpoints;
    }

    /// <summary>The same check as <c>haven audit verify</c>, for the admin console.</summary>
    private static async Task<Ok<AuditVerification>> VerifyAsync(HavenDbContext db, CancellationToken ct)
    {
        var records = db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence)
            .Select(e => new AuditRecord(e.Sequence, e.At, e.Actor, e.Action, e.Subject, e.Details, e.PreviousHash, e.Hash))
            .AsAsyncEnumerable();
        return TypedResults.Ok(await AuditChain.VerifyAsync(records, ct));
    }
}
