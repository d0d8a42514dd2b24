using System.Globalization;
using System.Net;
using System.Text;

namespace Haven.Load;

/// <summary>
/// Renders the report as one SVG with three panels: the latency percentile distribution at the equal
/// offered load, p99 against offered rate, and delivered against offered rate (the saturation steps).
/// </summary>
public static class LatencyPlot
{
    private const int PanelWidth = 520;
    private const int PanelHeight = 400;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 50;
    private const int Bottom = 60;

    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        ["haven"] = "#1b7f5a",
        ["plain-signalr"] = "#3465a4",
        ["socketio"] = "#c4501b",
        ["durable-relay"] = "#75507b",
    };

    private sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    public static string Render(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{3 * PanelWidth}\" height=\"{PanelHeight + 30}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{PanelHeight + 20}\" fill=\"#555\">{Escape($"Haven relay benchmark {report.StartedAt:yyyy-MM-dd HH:mm} UTC; {report.Machine}; server and load generator on the same machine; load avg before {report.LoadAverageBefore}")}</text>");

        var percentiles = report.Targets.Where(t => t.EqualLoad is not null)
            .Select(t => new Series(t.EqualLoad!.LatencyCurve.Count > 0 ? t.Target : t.Target + " (nothing arrived in time)",
                t.EqualLoad.LatencyCurve.Select(p => (Nines(p.Percentile), p.Ms)).ToList())).ToList();
        Panel(svg, 0, $"Latency by percentile at {report.Options.Rate:0} msg/s", "percentile", "ms (log)", percentiles,
            logX: false, logY: true, xTicks: [(0, "0"), (1, "90"), (2, "99"), (3, "99.9"), (4, "99.99")]);

        var steps = report.Targets.Where(t => t.Saturation is not null).ToList();
        Panel(svg, 1, "p99 latency against offered rate", "offered msg/s (log)", "p99 ms (log)",
            steps.Select(t => new Series(t.Target, t.Saturation!.Steps.Select(s => (s.OfferedPerSecond, s.P99Ms)).ToList())).ToList(),
            logX: true, logY: true, xTicks: null);
        Panel(svg, 2, "Throughput against offered rate", "offered msg/s (log)", "throughput msg/s (log)",
            steps.Select(t => new Series(t.Target, t.Saturation!.Steps.Select(s => (s.OfferedPerSecond, s.ThroughputPerSecond)).ToList())).ToList(),
            logX: true, logY: true, xTicks: null);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static double Nines(double percentile) => percentile >= 100 ? 4 : -Math.Log10(1 - percentile / 100);

    private static void Panel(StringBuilder svg, int index, string title, string xLabel, string yLabel, IReadOnlyList<Series> series,
        bool logX, bool logY, IReadOnlyList<(double Value, string Label)>? xTicks)
    {
        var inv = CultureInfo.InvariantCulture;
        var ox = index * PanelWidth;
        var w = PanelWidth - Left - Right;
        var h = PanelHeight - Top - Bottom;
        svg.Append(inv, $"<g transform=\"translate({ox},0)\">");
        svg.Append(inv, $"<text x=\"{PanelWidth / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>");
        svg.Append(inv, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"#999\"/>");
        svg.Append(inv, $"<text x=\"{Left + w / 2}\" y=\"{PanelHeight - 15}\" text-anchor=\"middle\">{Escape(xLabel)}</text>");
        svg.Append(inv, $"<text transform=\"translate(16,{Top + h / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>");

        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Y) && (!logX || p.X > 0) && (!logY || p.Y > 0)).ToList();
        if (points.Count == 0)
        {
            svg.Append(inv, $"<text x=\"{Left + w / 2}\" y=\"{Top + h / 2}\" text-anchor=\"middle\" fill=\"#777\">no data</text></g>");
            return;
        }
        var (x0, x1) = Range(points.Select(p => p.X), logX);
        var (y0, y1) = Range(points.Select(p => p.Y), logY);
        if (xTicks is not null)
            (x0, x1) = (xTicks.Min(t => t.Value), xTicks.Max(t => t.Value));
        double Px(double x) => Left + (Scale(x, logX) - Scale(x0, logX)) / (Scale(x1, logX) - Scale(x0, logX)) * w;
        double Py(double y) => Top + h - (Scale(y, logY) - Scale(y0, logY)) / (Scale(y1, logY) - Scale(y0, logY)) * h;

        foreach (var (value, label) in xTicks ?? Ticks(x0, x1, logX))
        {
            var x = Px(value);
            svg.Append(inv, $"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{Top + h}\" stroke=\"#eee\"/>");
            svg.Append(inv, $"<text x=\"{x:0.#}\" y=\"{Top + h + 16}\" text-anchor=\"middle\">{Escape(label)}</text>");
        }
        foreach (var (value, label) in Ticks(y0, y1, logY))
        {
            var y = Py(value);
            svg.Append(inv, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Left + w}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>");
            svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{Escape(label)}</text>");
        }

        var legendY = Top + 16;
        foreach (var s in series)
        {
            var colour = Colours.GetValueOrDefault(s.Name.Split(' ')[0], "#333");
            var visible = s.Points.Where(p => double.IsFinite(p.Y) && (!logX || p.X > 0) && (!logY || p.Y > 0)).ToList();
            if (visible.Count > 0)
            {
                svg.Append(inv, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', visible.Select(p => string.Create(inv, $"{Px(p.X):0.#},{Py(p.Y):0.#}")))}\"/>");
                foreach (var p in visible)
                    svg.Append(inv, $"<circle cx=\"{Px(p.X):0.#}\" cy=\"{Py(p.Y):0.#}\" r=\"2.5\" fill=\"{colour}\"/>");
            }
            svg.Append(inv, $"<rect x=\"{Left + 10}\" y=\"{legendY - 9}\" width=\"12\" height=\"4\" fill=\"{colour}\"/>");
            svg.Append(inv, $"<text x=\"{Left + 28}\" y=\"{legendY - 4}\">{Escape(s.Name)}</text>");
            legendY += 16;
        }
        svg.Append("</g>");
    }

    private static double Scale(double v, bool log) => log ? Math.Log10(v) : v;

    private static (double, double) Range(IEnumerable<double> values, bool log)
    {
        var list = values.ToList();
        double min = list.Min(), max = list.Max();
        if (log)
        {
            min = Math.Pow(10, Math.Floor(Math.Log10(min)));
            max = Math.Pow(10, Math.Ceiling(Math.Log10(max)));
            return max <= min ? (min, min * 10) : (min, max);
        }
        min = Math.Min(0, min);
        return max <= min ? (min, min + 1) : (min, max * 1.05);
    }

    private static IEnumerable<(double, string)> Ticks(double min, double max, bool log)
    {
        var inv = CultureInfo.InvariantCulture;
        if (log)
        {
            // 1-2-5 steps when few decades are shown, decades only otherwise.
            double[] steps = max / min <= 1000 ? [1, 2, 5] : [1];
            for (var decade = min; decade <= max * 1.0001; decade *= 10)
                foreach (var v in steps.Select(m => m * decade).Where(v => v <= max * 1.0001))
                    yield return (v, v.ToString(v < 1 ? "0.###" : "#,0", inv));
            yield break;
        }
        var step = Math.Pow(10, Math.Floor(Math.Log10((max - min) / 5)));
        for (var v = Math.Ceiling(min / step) * step; v <= max; v += step)
            yield return (v, v.ToString("0.###", inv));
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
