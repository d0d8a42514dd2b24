using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Wellbeing;

public enum SelfCheckKind
{
    /// <summary>PHQ-2 (Kroenke, Spitzer, Williams 2003), public domain: low mood.</summary>
    Phq2,

    /// <summary>GAD-2 (Kroenke et al. 2007), public domain: worry and anxiety.</summary>
    Gad2,

    /// <summary>Haven's own short reflection on online sexual behaviour; not a validated instrument.</summary>
    Reflection,
}

/// <summary>
/// Self-checks for the member's eyes only. Not a diagnosis and never used for moderation or
/// marketing: only the total is stored, so nothing else could be.
/// </summary>
public sealed class SelfCheckService(HavenDbContext db, TimeProvider clock)
{
    /// <summary>Every answer is 0 ("not at all") to 3 ("nearly every day").</summary>
    public const int MaxAnswer = 3;

    public static int Questions(SelfCheckKind kind) => kind == SelfCheckKind.Reflection ? 5 : 2;

    /// <summary>
    /// PHQ-2 and GAD-2: 3 or more is the published point at which talking to a professional is worth it.
    /// The reflection has no validated cut-off; 8 of 15 is where we suggest a closer look.
    /// </summary>
    public static SelfCheckBand Band(SelfCheckKind kind, int score) => kind switch
    {
        SelfCheckKind.Reflection => score >= 8 ? SelfCheckBand.WorthTalking : score >= 4 ? SelfCheckBand.WorthWatching : SelfCheckBand.Fine,
        _ => score >= 3 ? SelfCheckBand.WorthTalking : SelfCheckBand.Fine,
    };

    public async Task<Outcome<SelfCheckView>> SubmitAsync(Guid memberId, SelfCheckSubmission submission, CancellationToken ct)
    {
        if (!Enum.IsDefined(submission.Kind))
            return new Refusal(StatusCodes.Status400BadRequest, "SelfCheckUnknown", "This self-check does not exist.");
        if (submission.Answers is null || submission.Answers.Count != Questions(submission.Kind) || submission.Answers.Any(a => a is < 0 or > MaxAnswer))
            return new Refusal(StatusCodes.Status400BadRequest, "SelfCheckAnswers", "Please answer every question with a value from 0 to 3.");
        var result = new SelfCheckResult { MemberId = memberId, Kind = submission.Kind, Score = submission.Answers.Sum(), TakenAt = clock.GetUtcNow() };
        db.SelfCheckResults.Add(result);
        await db.SaveChangesAsync(ct);
        return View(result);
    }

    public async Task<IReadOnlyList<SelfCheckView>> HistoryAsync(Guid memberId, CancellationToken ct)
    {
        var rows = await db.SelfCheckResults.AsNoTracking().Where(r => r.MemberId == memberId).ToListAsync(ct);
        return rows.OrderByDescending(r => r.TakenAt).Take(50).Select(View).ToList();
    }

    public async Task<int> ForgetAsync(Guid memberId, CancellationToken ct) =>
        await db.SelfCheckResults.Where(r => r.MemberId == memberId).ExecuteDeleteAsync(ct);

    private static SelfCheckView View(SelfCheckResult r) =>
        new(r.Id, r.Kind, r.Score, Questions(r.Kind) * MaxAnswer, Band(r.Kind, r.Score), r.TakenAt);
}
