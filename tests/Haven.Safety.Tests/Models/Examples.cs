namespace Haven.Safety.Tests.Models;

/// <summary>Example messages written for these tests (none comes from a data set).</summary>
internal static class Examples
{
    public static readonly string[] EnglishSpam =
    [
        "CONGRATULATIONS! You have been selected to receive a £900 cash prize. Call 09061234567 now to claim, T&Cs apply.",
        "URGENT! Your mobile number has won a free holiday. Text CLAIM to 81234 before midnight. Cost 150p/msg.",
        "FREE entry into our weekly draw to win a brand new phone! Reply WIN to 87121 now. Std txt rate, 18+ only.",
    ];

    public static readonly string[] EnglishHam =
    [
        "Are we still on for dinner tonight? I'll be there around seven.",
        "Sorry I missed your call, I was in a meeting. Talk later?",
        "Can you pick up some milk on the way home please",
    ];

    public static readonly string[] IndonesianFraud =
    [
        "Selamat! Nomor anda terpilih mendapatkan hadiah mobil dari undian pelanggan setia. Untuk pencairan transfer biaya admin Rp 500.000 ke rekening BRI 1234567890 a.n. panitia, info www.undian-hadiah-resmi.blogspot.com",
        "PEMENANG UNDIAN: anda mendapatkan cek tunai Rp 25jt. Kode PIN anda 7Q2X9. Info pengambilan hadiah hubungi bapak manager di 081234567890",
    ];

    public static readonly string[] IndonesianPromo =
    [
        "Nikmati paket internet 10GB hanya Rp25.000 berlaku 30 hari. Aktifkan sekarang, tekan *123# lalu pilih paket hemat. Promo terbatas!",
        "Isi ulang pulsa minimal 50rb hari ini dan dapatkan bonus kuota 5GB. Info lengkap ketik INFO kirim ke 3636. Syarat dan ketentuan berlaku.",
    ];

    public static readonly string[] IndonesianNormal =
    [
        "Nanti sore aku jemput di kampus ya, jangan lupa bawa bukunya.",
        "Udah makan belum? Aku masih di kantor, pulangnya agak telat.",
    ];

    public static readonly string TypicalChat = "hey, are you free this weekend? we could grab coffee near the station";
}
