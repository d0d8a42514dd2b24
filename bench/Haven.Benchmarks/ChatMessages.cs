namespace Haven.Benchmarks;

/// <summary>Typical chat messages (20-120 characters) in English and Indonesian, mostly clean, some risky.</summary>
internal static class ChatMessages
{
    public static readonly string[] English =
    [
        "hey! how was your day?",
        "haha that's so true, I laughed way too hard at that",
        "want to grab coffee this weekend? somewhere public, your call",
        "I'm 15 minutes away, see you soon",
        "you looked amazing in that photo, only if you want to send another",
        "let's move to telegram, this app is slow",
        "can you venmo me $200? I'll pay you back friday",
        "my number is 415-555-0199 if you want to text",
    ];

    public static readonly string[] Indonesian =
    [
        "pagi! udah sarapan belum?",
        "wkwk iya bener banget, aku juga gitu",
        "nanti malam vc di sini aja ya, aku gak mau kasih nomor",
        "aku 10 menit lagi sampai, tunggu bentar",
        "kamu manis banget di foto itu, boleh aku simpen?",
        "pindah ke wa aja yuk biar gampang",
        "tolong tf 300rb dulu ya sayang, nanti aku ganti",
        "jangan bilang ortu ya kalau kita sering chat",
    ];

    /// <summary>Words the baseline looks for: what a naive keyword filter would do.</summary>
    public static readonly string[] BaselineKeywords =
    [
        "whatsapp", "telegram", "snapchat", "venmo", "transfer", "password", "secret", "don't tell", "jangan bilang",
        "open bo", "gift card", "bitcoin", "wa aja", "tf ", "pulsa", "umur", "years old", "tahun",
    ];
}
