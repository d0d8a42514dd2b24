using Haven.Server.Audit;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Age;

/// <summary>
/// Manual review: the member uploads a photo of an ID document that only moderators can see. The
/// decision keeps only the outcome; <see cref="AgeReviewImageSweeper"/> deletes the image within
/// 24 hours of it.
/// </summary>
public sealed class ManualReviewVerifier(
    HavenDbContext db,
    AgeStatusService status,
    IAuditTrail audit,
    TimeProvider clock,
    IOptions<AgeOptions> options) : IAgeVerifier
{
    public const string Issuer = "manual-review";

    public AgeMethod Method => AgeMethod.ManualReview;

    public bool IsAvailable => true;

    public Task<Outcome<AgeCheckStart>> StartAsync(Guid memberId, CancellationToken cancellationToken) =>
        Task.FromResult<Outcome<AgeCheckStart>>(new AgeCheckStart(Method));

    public async Task<Outcome<AgeStatusView>> SubmitAsync(Guid memberId, byte[] image, CancellationToken cancellationToken)
    {
        if (image.Length == 0)
            return new Refusal(StatusCodes.Status400BadRequest, "ImageMissing", "Please choose a photo of your ID.");
        if (image.Length > options.Value.MaxReviewImageBytes)
            return new Refusal(StatusCodes.Status413PayloadTooLarge, "ImageTooLarge", "The photo is too large. Please use a smaller one.");
        if (ImageType(image) is not { } contentType)
            return new Refusal(StatusCodes.Status415UnsupportedMediaType, "ImageType", "Please upload a JPEG, PNG or WebP photo.");

        // One review at a time: a new upload replaces a pending one, and the old image goes at once.
        var pending = await db.AgeReviews.Where(r => r.MemberId == memberId && r.Status == AgeReviewStatus.Pending).ToListAsync(cancellationToken);
        db.AgeReviews.RemoveRange(pending);
        var now = clock.GetUtcNow();
        var review = new AgeReview
        {
            Id = Guid.CreateVersion7(now), MemberId = memberId, Status = AgeReviewStatus.Pending, SubmittedAt = now,
            Image = new AgeReviewImage { ContentType = contentType, Bytes = image },
        };
        db.AgeReviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        return await status.StatusAsync(memberId, cancellationToken);
    }

    public async Task<IReadOnlyList<AgeReviewView>> PendingAsync(CancellationToken cancellationToken) =>
        await db.AgeReviews.AsNoTracking().Where(r => r.Status == AgeReviewStatus.Pending).OrderBy(r => r.SubmittedAt)
            .Join(db.Users, r => r.MemberId, m => m.Id, (r, m) => new AgeReviewView(r.Id, r.MemberId, m.Pseudonym, r.Status, r.SubmittedAt, r.DecidedAt, r.Image != null))
            .Take(200).ToListAsync(cancellationToken);

    public Task<AgeReviewImage?> ImageAsync(Guid reviewId, CancellationToken cancellationToken) =>
        db.AgeReviewImages.AsNoTracking().SingleOrDefaultAsync(i => i.ReviewId == reviewId, cancellationToken);

    public async Task<Refusal?> DecideAsync(Guid moderatorId, Guid reviewId, bool approve, CancellationToken cancellationToken)
    {
        var review = await db.AgeReviews.SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null)
            return Refusal.NotFound("This review could not be found.");
        if (review.Status != AgeReviewStatus.Pending)
            return new Refusal(StatusCodes.Status409Conflict, "AlreadyDecided", "This review was already decided.");
        if (review.MemberId == moderatorId)
            return new Refusal(StatusCodes.Status403Forbidden, "OwnReview", "You can't review your own ID.");

        review.Status = approve ? AgeReviewStatus.Approved : AgeReviewStatus.Rejected;
        review.DecidedAt = clock.GetUtcNow();
        review.DecidedBy = moderatorId;
        await audit.AppendAsync(new AuditEvent(AuditEvent.Member(moderatorId), approve ? "age.review.approve" : "age.review.reject",
            AuditEvent.Member(review.MemberId), new Dictionary<string, string> { ["review"] = review.Id.ToString() }), cancellationToken);
        await status.RecordAsync(review.MemberId, AgeMethod.ManualReview, approve ? AgeOutcome.Verified : AgeOutcome.Rejected,
            AssuranceLevel.Substantial, Issuer, cancellationToken);
        return null;
    }

    /// <summary>The type by content (magic bytes), never by name or declared type.</summary>
    public static string? ImageType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
            return "image/jpeg";
        if (bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return "image/png";
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
            return "image/webp";
        return null;
    }
}
