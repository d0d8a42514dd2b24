using Haven.Server.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace Haven.Server.Web;

/// <summary>
/// Base for pages a signed-in member uses. An interactive circuit lives long, so each operation
/// gets its own DI scope (and so its own DbContext) instead of one context for the whole circuit.
/// </summary>
[Authorize(Policy = Policies.Member)]
public abstract class MemberComponentBase : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<Strings> Text { get; set; } = default!;

    protected Guid MemberId { get; private set; }

    /// <summary>
    /// False while the page is only prerendered: controls stay disabled until the circuit is live,
    /// so a tap is never silently lost.
    /// </summary>
    protected bool Ready => RendererInfo.IsInteractive;

    protected sealed override async Task OnInitializedAsync()
    {
        var state = await (AuthenticationState ?? throw new InvalidOperationException("No authentication state."));
        MemberId = state.User.MemberId();
        await OnMemberInitializedAsync();
    }

    protected virtual Task OnMemberInitializedAsync() => Task.CompletedTask;

    protected async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A refusal in the member's language, falling back to the English message.</summary>
    protected string Describe(Refusal refusal) =>
        Text["Error." + refusal.Code] is { ResourceNotFound: false } s ? s.Value : refusal.Message;
}
