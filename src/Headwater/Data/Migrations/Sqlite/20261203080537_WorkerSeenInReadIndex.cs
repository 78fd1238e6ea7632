using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headwater.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkerSeenInReadIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Workers_IntegrationId_SeenInRead",
                table: "Workers",
                columns: new[] { "IntegrationId", "SeenInRead" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Workers_IntegrationId_SeenInRead",
                table: "Workers");
        }
    }
}
