using Haven.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace Haven.Server.Accounts;

/// <summary>Makes sure Haven's roles exist, so an operator only has to add members to them.</summary>
internal sealed class RoleSeeder(RoleManager<IdentityRole<Guid>> roles) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role));
    }
}
