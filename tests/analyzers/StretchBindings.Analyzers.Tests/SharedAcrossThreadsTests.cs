using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>SB1001: a single-threaded instance used by delegates that run concurrently.</summary>
public sealed class SharedAcrossThreadsTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source, params AdditionalText[] files) =>
        AnalyzerHarness.VerifyAsync(new SharedAcrossThreadsAnalyzer(), source, files);

    // ---- reported: delegates that run concurrently with themselves ----

    [Fact]
    public async Task A_parallel_for_body_sharing_one_instance()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    using var stretcher = new Stretcher(2, 48000f);
                    Parallel.For(0, blocks, i =>
                    {
                        {|SB1001:stretcher|}.Process(i);
                        stretcher.Reset();
                    });
                }
            }
            """);
        Assert.Equal(
            "'stretcher' is a 'Stretcher', which is not thread-safe, and 'Parallel.For' runs its delegates on several threads at once",
            Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_parallel_foreach_body_using_a_field()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();

                public void Render(IEnumerable<int> blocks) =>
                    Parallel.ForEach(blocks, block => {|SB1001:_stretcher|}.Process(block));
            }
            """);
    }

    [Fact]
    public async Task A_parallel_foreach_async_body()
    {
        await VerifyAsync("""
            static class Render
            {
                public static async Task AllAsync(Stretcher stretcher, IEnumerable<int> blocks)
                {
                    await Parallel.ForEachAsync(blocks, async (block, cancellation) =>
                    {
                        await Task.Yield();
                        {|SB1001:stretcher|}.Process(block);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task A_plinq_select_and_for_all()
    {
        await VerifyAsync("""
            static class Render
            {
                public static int[] All(Stretcher stretcher, int[] blocks)
                {
                    int[] sizes = blocks.AsParallel().Where(b => b > 0).Select(b => {|SB1001:stretcher|}.Process(b)).ToArray();
                    blocks.AsParallel().ForAll(b => {|SB1001:stretcher|}.Reset());
                    return sizes;
                }
            }
            """);
    }

    [Fact]
    public async Task A_local_function_passed_to_a_parallel_loop()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    var stretcher = new Stretcher();
                    Parallel.For(0, blocks, RenderBlock);

                    void RenderBlock(int block) => {|SB1001:stretcher|}.Process(block);
                }
            }
            """);
    }

    [Fact]
    public async Task A_type_single_threaded_through_its_base_or_the_type_list()
    {
        await VerifyAsync("""
            namespace ThirdParty { public sealed class Resampler { public void Run(int block) { } } }

            static class Render
            {
                public static void All(FastStretcher fast, ThirdParty.Resampler resampler, int blocks)
                {
                    Parallel.For(0, blocks, i => {|SB1001:fast|}.Process(i));
                    Parallel.For(0, blocks, i => {|SB1001:resampler|}.Run(i));
                }
            }
            """, new InMemoryAdditionalText("/src/NotThreadSafeTypes.txt", "ThirdParty.Resampler\n"));
    }

    [Fact]
    public async Task Uses_under_different_locks_do_not_exclude_each_other()
    {
        await VerifyAsync("""
            static class Render
            {
                private static readonly object s_left = new(), s_right = new();

                public static void All(Stretcher stretcher, int blocks)
                {
                    Parallel.For(0, blocks, i =>
                    {
                        lock (s_left) { {|SB1001:stretcher|}.Process(i); }
                        lock (s_right) { stretcher.Reset(); }
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task A_lock_around_the_loop_does_not_protect_its_body()
    {
        await VerifyAsync("""
            static class Render
            {
                private static readonly object s_gate = new();

                public static void All(Stretcher stretcher, int blocks)
                {
                    lock (s_gate)
                    {
                        Parallel.For(0, blocks, i => {|SB1001:stretcher|}.Process(i));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Parallel_invoke_actions_sharing_one_instance()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Render
            {
                public static void Both(Stretcher stretcher, Meter meter)
                {
                    Parallel.Invoke(
                        () => stretcher.Process(1),
                        () => meter.Add(1),
                        () => {|SB1001:stretcher|}.Process(2));
                }
            }
            """);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(5, Assert.Single(diagnostic.AdditionalLocations).GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task Launches_are_recognized_however_they_are_spelled()
    {
        await VerifyAsync("""
            using static System.Threading.Tasks.Parallel;

            static class Render
            {
                public static void All(Stretcher stretcher, int blocks)
                {
                    System.Threading.Tasks.Parallel.For(0, blocks, i => {|SB1001:stretcher|}.Process(i));
                    For(0, blocks, delegate (int i) { {|SB1001:stretcher|}.Process(i); });
                    Parallel.Invoke(new Action[] { () => stretcher.Process(1), () => {|SB1001:stretcher|}.Process(2) });
                }
            }
            """);
    }

    [Fact]
    public async Task A_plinq_query_held_in_a_variable()
    {
        await VerifyAsync("""
            static class Render
            {
                public static int Total(Stretcher stretcher, ParallelQuery<int> blocks)
                {
                    ParallelQuery<int> positive = blocks.Where(b => b > 0);
                    return positive.Sum(b => {|SB1001:stretcher|}.Process(b));
                }
            }
            """);
    }

    // ---- reported: background work racing with the code that started it ----

    [Fact]
    public async Task A_task_racing_with_the_code_that_started_it()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Render
            {
                public static async Task<int> TwoAsync(Stretcher stretcher)
                {
                    Task<int> first = Task.Run(() => {|SB1001:stretcher|}.Process(1));
                    int second = stretcher.Process(2);
                    return await first + second;
                }
            }
            """);
        string message = Assert.Single(diagnostics).GetMessage();
        Assert.Contains("the delegate of 'Task.Run' uses it on another thread while the code that started it uses it again (line 6)", message);
    }

    [Fact]
    public async Task A_thread_racing_with_the_code_that_started_it()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void Two(Stretcher stretcher)
                {
                    var worker = new Thread(() => {|SB1001:stretcher|}.Process(1));
                    worker.Start();
                    stretcher.Reset();
                    worker.Join();
                }
            }
            """);
    }

    [Fact]
    public async Task A_state_argument_the_starting_code_keeps_using()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void Two(Stretcher stretcher)
                {
                    ThreadPool.QueueUserWorkItem(state => ((Stretcher)state!).Process(1), {|SB1001:stretcher|});
                    stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_timer_callback_racing_with_the_code_that_created_it()
    {
        await VerifyAsync("""
            static class Monitor
            {
                public static void Run(Stretcher stretcher, int blocks)
                {
                    using var timer = new Timer(_ => {|SB1001:stretcher|}.Reset(), null, 0, 100);
                    for (int i = 0; i < blocks; i++)
                    {
                        stretcher.Process(i);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_System_Timers_Timer_handler_racing_with_the_code_that_subscribed_it()
    {
        await VerifyAsync("""
            static class Ticker
            {
                public static void Run(Stretcher stretcher, int blocks)
                {
                    using var timer = new System.Timers.Timer(100);
                    timer.Elapsed += (_, _) => {|SB1001:stretcher|}.Reset();
                    timer.Start();
                    for (int i = 0; i < blocks; i++)
                    {
                        stretcher.Process(i);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_System_Timers_Timer_handler_that_owns_its_instance_is_quiet()
    {
        await VerifyAsync("""
            static class Ticker
            {
                public static System.Timers.Timer Start()
                {
                    var stretcher = new Stretcher();
                    var timer = new System.Timers.Timer(100);
                    timer.Elapsed += (_, _) => stretcher.Process(1);
                    // Nothing runs before Start: preparing the instance here is sequential.
                    stretcher.Reset();
                    timer.Start();
                    // A hand-off: after starting the timer, this code never touches the instance again.
                    return timer;
                }

                public static void Unsubscribe(System.Timers.Timer timer, System.Timers.ElapsedEventHandler handler)
                {
                    timer.Elapsed -= handler;
                }
            }
            """);
    }

    [Fact]
    public async Task Two_tasks_started_together_share_one_instance()
    {
        await VerifyAsync("""
            static class Render
            {
                public static async Task BothAsync(Stretcher stretcher)
                {
                    Task left = Task.Run(() => {|SB1001:stretcher|}.Process(1));
                    Task right = Task.Factory.StartNew(() => stretcher.Process(2));
                    await Task.WhenAll(left, right);
                }
            }
            """);
    }

    [Fact]
    public async Task Tasks_started_in_one_when_all_share_one_instance()
    {
        await VerifyAsync("""
            static class Render
            {
                public static Task BothAsync(Stretcher stretcher) =>
                    Task.WhenAll(Task.Run(() => {|SB1001:stretcher|}.Process(1)), Task.Run(() => stretcher.Process(2)));
            }
            """);
    }

    [Fact]
    public async Task A_task_started_on_each_pass_of_a_loop()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Render
            {
                public static void All(Stretcher stretcher, int blocks)
                {
                    var tasks = new List<Task>();
                    for (int i = 0; i < blocks; i++)
                    {
                        int block = i;
                        tasks.Add(Task.Run(() => {|SB1001:stretcher|}.Process(block)));
                    }

                    Task.WaitAll(tasks.ToArray());
                }
            }
            """);
        Assert.Contains("started again on each pass of the loop", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_task_started_for_each_element()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Render
            {
                public static Task AllAsync(Stretcher stretcher, int[] blocks) =>
                    Task.WhenAll(blocks.Select(block => Task.Run(() => {|SB1001:stretcher|}.Process(block))));
            }
            """);
        Assert.Contains("started once per element", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_using_scope_disposing_the_instance_while_the_task_runs()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Render
            {
                public static Task StartAsync()
                {
                    using var stretcher = new Stretcher();
                    return Task.Run(() => {|SB1001:stretcher|}.Process(1));
                }
            }
            """);
        Assert.Contains("disposes it", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_task_whose_wait_comes_after_the_next_use()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void Two(Stretcher stretcher)
                {
                    Task first = Task.Run(() => {|SB1001:stretcher|}.Process(1));
                    stretcher.Process(2);
                    first.Wait();
                    stretcher.Process(3);
                }
            }
            """);
    }

    // ---- not reported ----

    [Fact]
    public async Task An_instance_created_inside_the_delegate()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    Parallel.For(0, blocks, i =>
                    {
                        using var stretcher = new Stretcher();
                        stretcher.Process(i);
                    });
                    _ = Task.Run(() => { var own = new Stretcher(); return own.Process(1); });
                }
            }
            """);
    }

    [Fact]
    public async Task The_local_init_overloads_of_parallel_loops()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void All(int blocks, IEnumerable<int> items)
                {
                    Parallel.For(0, blocks,
                        () => new Stretcher(),
                        (i, state, stretcher) => { stretcher.Process(i); return stretcher; },
                        stretcher => stretcher.Dispose());
                    Parallel.ForEach(items,
                        () => new Stretcher(),
                        (item, state, stretcher) => { stretcher.Process(item); return stretcher; },
                        stretcher => stretcher.Dispose());
                }
            }
            """);
    }

    [Fact]
    public async Task A_thread_local_and_a_thread_static()
    {
        await VerifyAsync("""
            static class Render
            {
                [ThreadStatic]
                private static Stretcher? t_stretcher;

                public static void All(int blocks)
                {
                    using var perThread = new ThreadLocal<Stretcher>(() => new Stretcher());
                    Parallel.For(0, blocks, i => perThread.Value!.Process(i));
                    Parallel.For(0, blocks, i => (t_stretcher ??= new Stretcher()).Process(i));
                }
            }
            """);
    }

    [Fact]
    public async Task A_task_awaited_before_the_next_use()
    {
        await VerifyAsync("""
            static class Render
            {
                public static async Task<int> TwoAsync(Stretcher stretcher)
                {
                    int first = await Task.Run(() => stretcher.Process(1));
                    Task<int> second = Task.Run(() => stretcher.Process(2));
                    int total = first + await second.ConfigureAwait(false);
                    stretcher.Reset();
                    await Task.Run(() => stretcher.Process(3)).ContinueWith(t => t.Result);
                    return total + stretcher.Process(4);
                }
            }
            """);
    }

    [Fact]
    public async Task Work_waited_with_wait_join_result_or_wait_all()
    {
        await VerifyAsync("""
            static class Render
            {
                public static int Sequential(Stretcher stretcher)
                {
                    Task first = Task.Run(() => stretcher.Process(1));
                    first.Wait();
                    stretcher.Process(2);

                    var worker = new Thread(() => stretcher.Process(3));
                    worker.Start();
                    worker.Join();
                    stretcher.Process(4);

                    Task<int> third = Task.Run(() => stretcher.Process(5));
                    int result = third.Result;
                    stretcher.Process(6);

                    Task fourth = Task.Factory.StartNew(() => stretcher.Process(7));
                    Task.WaitAll(fourth);
                    stretcher.Process(8);

                    Task.Run(() => stretcher.Process(9)).GetAwaiter().GetResult();
                    return stretcher.Process(result);
                }
            }
            """);
    }

    [Fact]
    public async Task A_hand_off_where_the_starting_code_never_touches_it_again()
    {
        await VerifyAsync("""
            static class Render
            {
                public static Task<int> HandOff(int block)
                {
                    var stretcher = new Stretcher();
                    stretcher.TimeRatio = 1.5f;
                    return Task.Run(() =>
                    {
                        using (stretcher)
                        {
                            return stretcher.Process(block);
                        }
                    });
                }

                public static void OnThread(Stretcher stretcher) => new Thread(() => stretcher.Process(1)).Start();
            }
            """);
    }

    [Fact]
    public async Task Every_use_under_one_lock()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();

                public void All(int blocks)
                {
                    Parallel.For(0, blocks, i =>
                    {
                        lock (_gate)
                        {
                            _stretcher.Process(i);
                            _stretcher.Reset();
                        }
                    });
                }

                public async Task TwoAsync()
                {
                    Task background = Task.Run(() => { lock (_gate) { _stretcher.Process(1); } });
                    lock (_gate)
                    {
                        _stretcher.Process(2);
                    }

                    await background;
                }
            }
            """);
    }

    [Fact]
    public async Task A_state_argument_never_used_elsewhere()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void Start(int block)
                {
                    var stretcher = new Stretcher();
                    ThreadPool.QueueUserWorkItem(state =>
                    {
                        using var own = (Stretcher)state!;
                        own.Process(block);
                    }, stretcher);

                    var other = new Stretcher();
                    var worker = new Thread(state => ((Stretcher)state!).Process(block));
                    worker.Start(other);
                }
            }
            """);
    }

    [Fact]
    public async Task Tasks_awaited_on_each_pass_and_loop_variables()
    {
        await VerifyAsync("""
            static class Render
            {
                public static async Task AllAsync(Stretcher stretcher, Stretcher[] stretchers, int blocks)
                {
                    for (int i = 0; i < blocks; i++)
                    {
                        int block = i;
                        await Task.Run(() => stretcher.Process(block));
                    }

                    var tasks = new List<Task>();
                    foreach (Stretcher each in stretchers)
                    {
                        tasks.Add(Task.Run(() => each.Process(1)));
                    }

                    await Task.WhenAll(tasks);
                    Parallel.ForEach(stretchers, each => each.Reset());
                    stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task Use_before_the_work_starts_and_sequential_linq()
    {
        await VerifyAsync("""
            static class Render
            {
                public static Task<int> Prepare(Stretcher stretcher, int[] blocks)
                {
                    stretcher.TimeRatio = 2f;
                    int total = blocks.Select(b => stretcher.Process(b)).Sum();
                    blocks.ToList().ForEach(b => stretcher.Process(b));
                    Func<int> later = () => stretcher.Process(total);
                    return Task.Run(() => stretcher.Process(total));
                }
            }
            """);
    }

    [Fact]
    public async Task Work_waited_through_a_synchronization_primitive()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void Two(Stretcher stretcher)
                {
                    using var done = new ManualResetEventSlim();
                    ThreadPool.QueueUserWorkItem(_ => { stretcher.Process(1); done.Set(); });
                    done.Wait();
                    stretcher.Process(2);
                }
            }
            """);
    }

    [Fact]
    public async Task Parallel_invoke_actions_with_their_own_instances()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void Both(Stretcher left, Stretcher right, Meter meter)
                {
                    Parallel.Invoke(() => left.Process(1), () => right.Process(2), () => meter.Add(1), () => meter.Add(2));
                    left.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task Methods_that_only_share_a_launch_name()
    {
        await VerifyAsync("""
            sealed class Scheduler
            {
                public void Run(Action work) => work();
                public static void For(int count, Action<int> body) { for (int i = 0; i < count; i++) body(i); }
            }

            static class Render
            {
                public static void All(Stretcher stretcher, Action<int> callback, int blocks)
                {
                    new Scheduler().Run(() => stretcher.Process(1));
                    Scheduler.For(blocks, i => stretcher.Process(i));
                    callback.Invoke(stretcher.Process(2));
                }
            }
            """);
    }

    [Fact]
    public async Task Thread_safe_types_and_generated_code()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void All(Meter meter, int blocks) => Parallel.For(0, blocks, i => meter.Add(i));
            }
            """);
        await VerifyAsync("""
            // <auto-generated/>
            static class Generated
            {
                public static void All(Stretcher stretcher, int blocks) => Parallel.For(0, blocks, i => stretcher.Process(i));
            }
            """);
    }
}
