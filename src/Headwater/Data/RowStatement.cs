using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Headwater.Data;

/// <summary>
/// One prepared statement over an entity's table, made from the EF model (table, columns, type mappings and the
/// integration each row belongs to) and run once per row in the context's transaction. For the rows a large run writes
/// by the thousand (its plan, its outcomes, the accounts they leave), where EF Core's tracking and command building for
/// each entity cost several times the database's own work. The SQL is the same on SQLite and PostgreSQL.
/// </summary>
public sealed class RowStatement<T> : IAsyncDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, DbParameter Parameter)[] _values;
    private readonly int _integrationId;

    internal RowStatement(DbCommand command, List<IProperty> properties, int integrationId)
    {
        _command = command;
        _integrationId = integrationId;
        _values = [.. properties.Select((p, i) =>
        {
            var mapping = (RelationalTypeMapping)p.GetTypeMapping();
            // Named as written in the statement: SQLite then finds it at once, rather than trying each prefix in turn
            // on every run (Npgsql takes the name with or without its '@').
            var parameter = mapping.CreateParameter(command, $"@p{i}", null, p.IsNullable);
            command.Parameters.Add(parameter);
            return (p, mapping, parameter);
        })];
    }

    /// <summary>Runs the statement for <paramref name="row"/>: the generated key of an insert that returns one, else null.</summary>
    public async Task<object?> RunAsync(T row, CancellationToken cancellationToken)
    {
        foreach (var (property, mapping, parameter) in _values)
        {
            var value = property.Name == HeadwaterDb.IntegrationColumn ? _integrationId : property.GetGetter().GetClrValue(row);
            parameter.Value = (value is null ? null : mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
        }
        return await _command.ExecuteScalarAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}

/// <summary>The statements <see cref="RowStatement{T}"/> makes.</summary>
public static class RowStatement
{
    /// <summary>Adds a row; the statement's result is the generated key (a change record's id), if it has one.</summary>
    public static Task<RowStatement<T>> InsertAsync<T>(HeadwaterDb db, CancellationToken cancellationToken)
        where T : class
    {
        var table = Table.Of<T>(db);
        var generated = table.Type.FindPrimaryKey()!.Properties.Where(p => p.ValueGenerated == ValueGenerated.OnAdd).ToList();
        var columns = table.Properties.Except(generated).ToList();
        var returning = generated.Count == 0 ? "" : $" RETURNING {string.Join(", ", generated.Select(table.Column))}";
        return PrepareAsync<T>(db, columns, $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(table.Column))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}){returning}", cancellationToken);
    }

    /// <summary>Adds a row, or replaces every column of the row with its key.</summary>
    public static Task<RowStatement<T>> UpsertAsync<T>(HeadwaterDb db, CancellationToken cancellationToken)
        where T : class
    {
        var table = Table.Of<T>(db);
        var key = table.Type.FindPrimaryKey()!.Properties;
        var columns = table.Properties;
        var set = columns.Except(key).Select(p => $"{table.Column(p)} = excluded.{table.Column(p)}");
        return PrepareAsync<T>(db, columns, $"INSERT INTO {table.Name} ({string.Join(", ", columns.Select(table.Column))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) " +
            $"ON CONFLICT ({string.Join(", ", key.Select(table.Column))}) DO UPDATE SET {string.Join(", ", set)}", cancellationToken);
    }

    /// <summary>Sets the named columns of the row with the row's key.</summary>
    public static Task<RowStatement<T>> UpdateAsync<T>(HeadwaterDb db, IReadOnlyList<string> set, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(set);
        var table = Table.Of<T>(db);
        var columns = set.Select(name => table.Type.FindProperty(name)!).ToList();
        var key = table.Type.FindPrimaryKey()!.Properties;
        return PrepareAsync<T>(db, [.. columns, .. key], $"UPDATE {table.Name} SET " +
            $"{string.Join(", ", columns.Select((p, i) => $"{table.Column(p)} = @p{i}"))} WHERE " +
            string.Join(" AND ", key.Select((p, i) => $"{table.Column(p)} = @p{columns.Count + i}")), cancellationToken);
    }

    /// <summary>Removes the row with the row's key.</summary>
    public static Task<RowStatement<T>> DeleteAsync<T>(HeadwaterDb db, CancellationToken cancellationToken)
        where T : class
    {
        var table = Table.Of<T>(db);
        var key = table.Type.FindPrimaryKey()!.Properties;
        return PrepareAsync<T>(db, [.. key], $"DELETE FROM {table.Name} WHERE " +
            string.Join(" AND ", key.Select((p, i) => $"{table.Column(p)} = @p{i}")), cancellationToken);
    }

    private static async Task<RowStatement<T>> PrepareAsync<T>(HeadwaterDb db, List<IProperty> properties, string sql,
        CancellationToken cancellationToken)
        where T : class
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Rows are written in a transaction the context has begun.");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction.GetDbTransaction();
        var statement = new RowStatement<T>(command, properties, db.IntegrationId);
        await command.PrepareAsync(cancellationToken);
        return statement;
    }

    /// <summary>The entity's table and mapped columns, quoted for the database.</summary>
    private sealed record Table(IEntityType Type, string Name, StoreObjectIdentifier Store, ISqlGenerationHelper Sql)
    {
        public List<IProperty> Properties => [.. Type.GetProperties()];

        public static Table Of<T>(HeadwaterDb db)
        {
            var type = db.Model.FindEntityType(typeof(T))!;
            var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            return new Table(type, sql.DelimitIdentifier(store.Name, store.Schema), store, sql);
        }

        public string Column(IProperty property) => Sql.DelimitIdentifier(property.GetColumnName(Store)!);
    }
}
