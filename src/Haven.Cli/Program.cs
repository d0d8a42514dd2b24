using System.CommandLine;

var root = new RootCommand("Haven command line: safety evaluation and admin tasks.");
return await root.Parse(args).InvokeAsync();
