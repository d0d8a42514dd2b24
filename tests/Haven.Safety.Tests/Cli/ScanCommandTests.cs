using Haven.Cli.Safety;

namespace Haven.Safety.Tests.Cli;

public class ScanCommandTests
{
    [Fact]
    public async Task Each_line_gets_a_decision_with_rules_and_an_explanation()
    {
        var output = new StringWriter();
        var code = await ScanCommand.RunAsync(new StringReader("hello there\nadd me on telegram\n"), output, TextWriter.Null, "en", null, authors: false, showCues: false);
        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("> hello there", text, StringComparison.Ordinal);
        Assert.Contains("decision: Allow", text, StringComparison.Ordinal);
        Assert.Contains("rule off-platform-tip", text, StringComparison.Ordinal);
        Assert.Contains("another app", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explanations_can_be_printed_in_indonesian()
    {
        var output = new StringWriter();
        await ScanCommand.RunAsync(new StringReader("pindah ke wa yuk\n"), output, TextWriter.Null, "id", null, authors: false, showCues: false);
        Assert.Contains("aplikasi", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authored_lines_are_judged_as_one_conversation()
    {
        var output = new StringWriter();
        var input = "b: im 13\na: don't tell your mom about me\na: I'll pick you up after school, our secret\n";
        await ScanCommand.RunAsync(new StringReader(input), output, TextWriter.Null, "en", null, authors: true, showCues: false);
        Assert.Contains("conversation: Across this conversation: someone presented as under 18", output.ToString(), StringComparison.Ordinal);
    }
}
