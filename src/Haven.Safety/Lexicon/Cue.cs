namespace Haven.Safety.Lexicon;

/// <summary>
/// A unit of meaning the phrase lexicon recognizes (a "cue"). Detectors combine cues into signals;
/// the conversation tracker accumulates them across turns. Names match the section headers of cues.txt.
/// </summary>
public enum Cue
{
    // Age and minor status
    AgeLeadSelf, AgeLeadAdjacent, AgeLeadOther, AgeUnit, NonAgeUnit, AgeThirdParty, AgePast, GradeWord, SchoolMinor, SchoolContext,
    SchoolAdult, Underage, AgeProbe, YouthAddress, BirthdayLead,

    // Grooming moves
    Secrecy, TellNegation, ParentRef, MyParent, ParentMonitor, Alibi, EraseEvidence, Isolation, MaturityFlattery,
    AgePreference, Pickup, HomeAlone, GiftOffer, PhotoRequest, SpecialRelationship, Meeting, CovertMeeting,
    SexualTalk, Affection,

    // Read only when judging flat transcripts (TranscriptProfile)
    Longing, Plans, Trouble, Whereabouts, Guardian, YouthLife, Calls, StrangerOpener, FirstContact, CaseReport,

    // Solicitation and trafficking
    SexServiceStrong, SexService, PaidCue, NotPaid, TrafActor, TrafControl, TrafObject, TrafObjectWeak, DebtBondage, CantLeave,
    Recruitment, Supply, ThirdPartyPayment,

    // Coercion and sextortion
    RefusalOverride, Obligation, Ultimatum, HarmVerb, ThreatTarget, KnowWhere, Respect, Material, Exposure,
    KeepPrivate, ContentDemand, HoldsMaterial, DoxxProbe, PleaToStop,

    // Money
    MoneyVerb, MoneyObject, PaymentChannel, Emergency, Investment, FeeScam, Repay, PastOrSelfPayment, Romance,

    // Off-platform, PII, phishing
    Platform, PlatformAmbiguous, MoveVerb, ContactMe, StayHere, Evasion, HandleLead, BankContext, IdContext,
    StreetWord, StreetWordId, AddressLead, LocationShare, CredentialNoun, CredentialVerb, PhishBait, SafetyAdvice, NewsContext,
    PhoneLead, EmailWord,

    // A report about a case (Detection/ReportFrame)
    ReportFrame, ReportImperative,
}
