using Haven.Server.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Haven.Server.Tests.Cluster;

/// <summary>
/// The node's memory of rarely changing facts: loaded once, kept until evicted, and never keeping a value
/// that an eviction may have made stale while it was being loaded.
/// </summary>
public sealed class Fact_cache : IAsyncLifetime
{
    private readonly ClusterBus _bus = new(Options.Create(new ClusterOptions()), new ServiceCollection().BuildServiceProvider(), NullLogger<ClusterBus>.Instance);
    private readonly FactCache _facts;
    private int _loads;

    public Fact_cache() => _facts = new FactCache(_bus);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _facts.Dispose();
        await _bus.DisposeAsync();
    }

    [Fact]
    public async Task A_fact_is_loaded_once_and_then_answered_from_memory()
    {
        Assert.Equal(1, await _facts.GetOrLoadAsync("blocks:a", Counted(1), CancellationToken.None));
        Assert.Equal(1, await _facts.GetOrLoadAsync("blocks:a", Counted(2), CancellationToken.None));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task An_evicted_fact_is_loaded_again()
    {
        await _facts.GetOrLoadAsync("blocks:a", Counted(1), CancellationToken.None);
        _facts.Evict("blocks:a");
        Assert.Equal(2, await _facts.GetOrLoadAsync("blocks:a", Counted(2), CancellationToken.None));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task A_fact_evicted_while_it_loads_is_used_but_not_kept()
    {
        var loaded = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loading = _facts.GetOrLoadAsync("blocks:a", _ => loaded.Task, CancellationToken.None).AsTask();
        _facts.Evict("blocks:a");
        loaded.SetResult(1);

        Assert.Equal(1, await loading);
        Assert.Equal(2, await _facts.GetOrLoadAsync("blocks:a", Counted(2), CancellationToken.None));
    }

    [Fact]
    public async Task Another_fact_evicted_while_one_loads_does_not_stop_it_being_kept()
    {
        var other = Enumerable.Range(0, 10_000).Select(i => $"blocks:{i}").First(k => _facts.StripeOf(k) != _facts.StripeOf("blocks:a"));
        var loaded = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loading = _facts.GetOrLoadAsync("blocks:a", _ => loaded.Task, CancellationToken.None).AsTask();
        _facts.Evict(other);
        loaded.SetResult(1);

        Assert.Equal(1, await loading);
        Assert.Equal(1, await _facts.GetOrLoadAsync("blocks:a", Counted(2), CancellationToken.None));
        Assert.Equal(0, _loads);
    }

    [Fact]
    public async Task Facts_loading_when_the_link_to_other_nodes_comes_back_are_not_kept()
    {
        var loaded = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loading = _facts.GetOrLoadAsync("blocks:a", _ => loaded.Task, CancellationToken.None).AsTask();
        _facts.Clear();
        loaded.SetResult(1);

        Assert.Equal(1, await loading);
        Assert.Equal(2, await _facts.GetOrLoadAsync("blocks:a", Counted(2), CancellationToken.None));
    }

    private Func<CancellationToken, Task<int>> Counted(int value) => _ =>
    {
        _loads++;
        return Task.FromResult(value);
    };
}
