//! Native charts over the tables' own cells, so they follow any edit of
//! the figures and stay readable in every program that reads Excel charts.

use super::table::Placement;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartFormat, ChartLegendPosition, ChartSolidFill, ChartType, ColNum, Color,
};

/// Colours of the series: the figure itself dark, what it is held
/// against light, so "utfall mot budget" reads the same on every chart.
pub(super) const ACTUAL: u32 = 0x2F5597;
pub(super) const TARGET: u32 = 0xA6A6A6;

const WIDTH: u32 = 620;

/// One series: the table column it takes its values and name from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Series {
    pub col: ColNum,
    pub color: u32,
}

/// Horizontal bars, one group per table row with the first column as the
/// label, top to bottom in the table's (register) order.
pub(super) fn bars(sheet: &str, at: &Placement, title: &str, series: &[Series], num_format: &str) -> Chart {
    let mut chart = Chart::new(ChartType::Bar);
    add_series(&mut chart, sheet, at, series);
    chart.title().set_name(title);
    // A bar chart lists its first category at the bottom; reversing puts
    // the table's first row on top, and the value axis then belongs below.
    chart.y_axis().set_reverse().set_crossing(ChartAxisCrossing::Max);
    chart.x_axis().set_num_format(num_format);
    chart.legend().set_position(ChartLegendPosition::Top);
    let rows = at.last_row.saturating_sub(at.first_row) + 1;
    chart.set_width(WIDTH).set_height((90 + rows * 16 * series.len() as u32).clamp(260, 1400));
    chart
}

/// Vertical columns, one group per table row: for a few categories.
pub(super) fn columns(
    sheet: &str,
    at: &Placement,
    title: &str,
    series: &[Series],
    num_format: &str,
) -> Chart {
    let mut chart = Chart::new(ChartType::Column);
    add_series(&mut chart, sheet, at, series);
    chart.title().set_name(title);
    chart.y_axis().set_num_format(num_format);
    chart.legend().set_position(ChartLegendPosition::Top);
    chart.set_width(480).set_height(300);
    chart
}

fn add_series(chart: &mut Chart, sheet: &str, at: &Placement, series: &[Series]) {
    for one in series {
        let fill = ChartSolidFill::new().set_color(Color::RGB(one.color)).clone();
        chart
            .add_series()
            .set_name((sheet, at.header_row, one.col))
            .set_categories((sheet, at.first_row, at.first_col, at.last_row, at.first_col))
            .set_values((sheet, at.first_row, one.col, at.last_row, one.col))
            .set_format(ChartFormat::new().set_solid_fill(&fill));
    }
}
