using Spectre.Console;

namespace IndustryGraph.Server.Transfer;

/// <summary>
/// Progress of a long command: a Spectre.Console bar on an interactive terminal, plain lines otherwise
/// (logs and pipes get one line per phase and about one per 10 % of the rows).
/// </summary>
public abstract class ProgressReporter : IProgress<long>, IDisposable
{
    public static ProgressReporter Create(string task) =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive ? new BarReporter(task) : new LineReporter(task);

    public abstract void Phase(string message);

    public abstract void Start(long total);

    public abstract void Report(long value);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    private sealed class LineReporter(string task) : ProgressReporter
    {
        private long total;
        private long nextLine;

        public override void Phase(string message) => Console.WriteLine($"{task}: {message}");

        public override void Start(long total)
        {
            this.total = total;
            nextLine = Math.Max(total / 10, 1);
        }

        public override void Report(long value)
        {
            if (value >= nextLine && total > 0)
            {
                Console.WriteLine($"{task}: {value:N0} / {total:N0} rows ({100.0 * value / total:0}%)");
                nextLine = value + Math.Max(total / 10, 1);
            }
        }
    }

    private sealed class BarReporter : ProgressReporter
    {
        private readonly TaskCompletionSource done = new();
        private readonly TaskCompletionSource<ProgressTask> started = new();
        private readonly Task rendering;

        public BarReporter(string task)
        {
            rendering = AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var progressTask = context.AddTask(task, autoStart: true, maxValue: 1);
                    progressTask.IsIndeterminate = true;
                    started.SetResult(progressTask);
                    await done.Task;
                    progressTask.Value = progressTask.MaxValue;
                    progressTask.StopTask();
                });
        }

        private ProgressTask Bar => started.Task.GetAwaiter().GetResult();

        public override void Phase(string message) => Bar.Description = Markup.Escape(message);

        public override void Start(long total)
        {
            Bar.IsIndeterminate = false;
            Bar.MaxValue = Math.Max(total, 1);
            Bar.Value = 0;
        }

        public override void Report(long value) => Bar.Value = value;

        protected override void Dispose(bool disposing)
        {
            if (disposing && !done.Task.IsCompleted)
            {
                done.TrySetResult();
                rendering.GetAwaiter().GetResult();
            }
        }
    }
}
