// Each browser test class starts its own Haven and Chromium; on a two-core machine running them side by side
// starves the Blazor circuits and hub connections they are testing. One class at a time keeps them honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
