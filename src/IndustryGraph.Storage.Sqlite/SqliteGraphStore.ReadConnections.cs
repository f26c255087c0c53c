using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace IndustryGraph.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// Open read connections kept between requests, each with the statements it has prepared: a one-item page
    /// then costs its steps, not parsing and planning its SQL, which was most of its time. Bounded: a connection
    /// returned when <see cref="MaxIdle"/> are already waiting is closed.
    /// </summary>
    private sealed class ReadConnections(Func<SqliteConnection> open) : IDisposable
    {
        private const int MaxIdle = 16;
        private readonly ConcurrentBag<ReadConnection> idle = [];
        private int idleCount;
        private volatile bool disposed;

        public ReadConnection Rent()
        {
            if (idle.TryTake(out var connection))
            {
                Interlocked.Decrement(ref idleCount);
                return connection;
            }

            return new ReadConnection(open());
        }

        /// <summary>Takes a connection back; one left inside a transaction (a read that failed half-way) is closed instead.</summary>
        public void Return(ReadConnection connection)
        {
            if (disposed || connection.InTransaction)
            {
                connection.Dispose();
                return;
            }

            if (Interlocked.Increment(ref idleCount) > MaxIdle)
            {
                Interlocked.Decrement(ref idleCount);
                connection.Dispose();
                return;
            }

            idle.Add(connection);
        }

        public void Dispose()
        {
            disposed = true;
            while (idle.TryTake(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>One open read connection and its prepared statements, used by one read at a time.</summary>
    private sealed class ReadConnection(SqliteConnection connection) : IDisposable
    {
        // Enough for every statement shape the reads use; a flood of shapes (filter combinations) starts over.
        private const int MaxPrepared = 64;
        private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);

        public SqliteConnection Connection => connection;

        public bool InTransaction => SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0;

        /// <summary>The command for <paramref name="sql"/>, prepared the first time, in this transaction with these parameters bound. Not to be disposed: it stays with the connection.</summary>
        public SqliteCommand Prepared(string sql, SqliteTransaction? transaction, ReadOnlySpan<(string Name, object? Value)> parameters)
        {
            if (!prepared.TryGetValue(sql, out var command))
            {
                if (prepared.Count >= MaxPrepared)
                {
                    DisposeCommands();
                }

                command = connection.CreateCommand();
                command.CommandText = sql;
                prepared[sql] = command;
            }

            command.Transaction = transaction;
            command.Parameters.Clear();
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return command;
        }

        private void DisposeCommands()
        {
            foreach (var command in prepared.Values)
            {
                command.Dispose();
            }

            prepared.Clear();
        }

        public void Dispose()
        {
            DisposeCommands();
            connection.Dispose();
        }
    }
}
