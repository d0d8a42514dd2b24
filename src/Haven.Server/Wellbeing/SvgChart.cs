using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Haven.Server.Wellbeing;

/// <summary>A point of a bar chart; highlighted bars (night hours, days over a limit) get their own colour.</summary>
public readonly record struct Bar(string Label, double Value, bool Highlight = false);

/// <summary>
/// Small server-rendered SVG bar charts: no script, readable without JavaScript, scaled by the
/// browser. Each chart carries a title and a text description for screen readers.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 220;
    private const int Left = 40;
    private const int Bottom = 28;
    private const int Top = 12;

    public static MarkupString Bars(string id, string title, string description, IReadOnlyList<Bar> bars, double? limit = null, string? limitLabel = null)
    {
        var max = Math.Max(1, Math.Max(bars.Count == 0 ? 0 : bars.Max(b => b.Value), limit ?? 0));
        max = NiceCeiling(max);
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var slot = plotWidth / (double)Math.Max(1, bars.Count);
        var labelEvery = Math.Max(1, (int)Math.Ceiling(bars.Count / 12.0));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" data-testid=\"{id}\" preserveAspectRatio=\"xMidYMid meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{Enc(title)}</title><desc id=\"{id}-d\">{Enc(description)}</desc>");
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = Top + plotHeight - plotHeight * i / 4.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{value:0.#}</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var h = plotHeight * bar.Value / max;
            var x = Left + i * slot + slot * 0.15;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar{(bar.Highlight ? " highlight" : "")}\" x=\"{x:0.##}\" y=\"{Top + plotHeight - h:0.##}\" width=\"{slot * 0.7:0.##}\" height=\"{h:0.##}\"><title>{Enc(bar.Label)}: {bar.Value:0.#}</title></rect>");
            if (i % labelEvery == 0)
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{x + slot * 0.35:0.##}\" y=\"{Height - 10}\" text-anchor=\"middle\">{Enc(bar.Label)}</text>");
        }

        if (limit is { } l)
        {
            var y = Top + plotHeight - plotHeight * l / max;
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"limit\" x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"limit-label\" x=\"{Width - 10}\" y=\"{y - 4:0.#}\" text-anchor=\"end\">{Enc(limitLabel ?? "")} {l:0.#}</text>");
        }

        svg.Append("</svg>");
        return new MarkupString(svg.ToString());
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= value)
                return step * magnitude;
        return 10 * magnitude;
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
