using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headwater.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncrementalPlanning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChangedInRead",
                table: "Workers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Fingerprint",
                table: "SyncRuns",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Planning",
                table: "SyncRuns",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Everyone");

            migrationBuilder.AddColumn<int>(
                name: "ReadsThrough",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Workers_ChangedInRead",
                table: "Workers",
                column: "ChangedInRead");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Workers_ChangedInRead",
                table: "Workers");

            migrationBuilder.DropColumn(
                name: "ChangedInRead",
                table: "Workers");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "Planning",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "ReadsThrough",
                table: "SyncRuns");
        }
    }
}
