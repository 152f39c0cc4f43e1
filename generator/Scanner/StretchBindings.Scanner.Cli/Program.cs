using StretchBindings.Scanner.Cli;

return ScanTool.Run(args, Console.Out, Console.Error);
