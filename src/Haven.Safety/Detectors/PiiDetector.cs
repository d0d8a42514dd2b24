using Haven.Safety.Detection;
using Haven.Safety.Text;

namespace Haven.Safety.Detectors;

/// <summary>Personal data shared in chat (see <see cref="PiiScanner"/> for what counts).</summary>
internal sealed class PiiDetector : IDetector
{
    public void Detect(ScanContext c, List<Signal> signals)
    {
        var pii = c.Pii;
        if (!pii.Any)
            return;
        var evidence = new List<TextSpan>(2);
        string key;
        if (pii.IdNumber is { } id) { evidence.Add(id); key = "pii.id_number"; }
        else if (pii.BankAccount is { } bank) { evidence.Add(bank); key = "pii.bank_account"; }
        else if (pii.Phone is { } phone) { evidence.Add(phone); key = "pii.phone"; }
        else if (pii.Email is { } email) { evidence.Add(email); key = "pii.email"; }
        else if (pii.Address is { } address) { evidence.Add(address); key = "pii.address"; }
        else { evidence.Add(pii.Location!.Value); key = "pii.location"; }
        foreach (var extra in (ReadOnlySpan<TextSpan?>)[pii.Phone, pii.Email, pii.Address, pii.Location])
            if (extra is { } span && !evidence.Contains(span))
                evidence.Add(span);
        signals.Add(SignalFactory.Create(SignalKind.Pii, 0.85, key, evidence));
    }
}
