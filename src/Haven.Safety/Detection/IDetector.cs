namespace Haven.Safety.Detection;

/// <summary>A message-level detector: reads the scan context, appends zero or more signals.</summary>
internal interface IDetector
{
    void Detect(ScanContext context, List<Signal> signals);
}
