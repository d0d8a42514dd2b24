using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Wellbeing;

public sealed class WellbeingOptions
{
    public const string Section = "Haven:Wellbeing";

    /// <summary>Activity pings further apart than this start a new session (see <see cref="UsageRecorder"/>).</summary>
    [Range(1, 60)]
    public int SessionGapMinutes { get; set; } = 5;

    /// <summary>A member's usage row is written at most this often per node; pings in between are absorbed.</summary>
    [Range(1, 300)]
    public int UsageWriteSeconds { get; set; } = 30;

    /// <summary>How often each node sweeps its live hub connections (usage pings, paused members, partner summaries).</summary>
    [Range(5, 3600)]
    public int SweepSeconds { get; set; } = 60;

    [Range(0, 23)]
    public int NightStartHour { get; set; }

    [Range(1, 24)]
    public int NightEndHour { get; set; } = 5;

    /// <summary>Night sessions in the last 7 days that prompt a nudge.</summary>
    [Range(1, 50)]
    public int NightSessionsPerWeek { get; set; } = 2;

    /// <summary>Limit hits in the last 7 days that prompt a nudge.</summary>
    [Range(1, 50)]
    public int LimitHitsPerWeek { get; set; } = 3;

    [Range(10, 24 * 60)]
    public int LongSessionMinutes { get; set; } = 180;

    /// <summary>This week's time compared with last week's: at or above this factor prompts a nudge.</summary>
    [Range(1.05, 10)]
    public double EscalationFactor { get; set; } = 1.5;

    /// <summary>Escalation only counts once this week's time reaches this many minutes, so small numbers never nag.</summary>
    [Range(0, 7 * 24 * 60)]
    public int EscalationMinimumMinutes { get; set; } = 300;

    /// <summary>The same kind of nudge is shown at most once in this many hours.</summary>
    [Range(1, 24 * 90)]
    public int NudgeCooldownHours { get; set; } = 72;

    /// <summary>Rules an operator switched off, by name (LimitHits, NightUse, LongSession, Escalation).</summary>
    public List<NudgeRule> DisabledNudges { get; set; } = [];
}
