namespace Haven.Safety.Lexicon;

/// <summary>A cue found at tokens [FirstToken, LastToken] of a message.</summary>
public readonly record struct CueHit(Cue Cue, int FirstToken, int LastToken);
