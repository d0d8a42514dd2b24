using System.CommandLine;

var root = new RootCommand("Haven command line: safety evaluation and admin tasks.");
root.Subcommands.Add(new Command("safety", "Safety engine: evaluate, scan and train.") { Haven.Cli.Safety.TrainCommand.Create(), Haven.Cli.Safety.EvalCommand.Create(), Haven.Cli.Safety.ScanCommand.Create() });
root.Subcommands.Add(new Command("audit", "Audit log: verify its hash chain.") { Haven.Cli.Audit.VerifyCommand.Create() });
return await root.Parse(args).InvokeAsync();
