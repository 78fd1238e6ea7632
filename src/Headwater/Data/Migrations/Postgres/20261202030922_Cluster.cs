using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headwater.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Cluster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Node",
                table: "IntegrationRuns",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
            // Quartz.NET's clustered job store, for several services on this database.
            migrationBuilder.Sql(QuartzSchema.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(QuartzSchema.Drop);
            migrationBuilder.DropColumn(
                name: "Node",
                table: "IntegrationRuns");
        }
    }
}
