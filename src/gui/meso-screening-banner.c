/* meso-screening-banner.c: verdict, findings and the source of each.
 *
 * The colour follows the verdict (success, warning, error) but the verdict
 * is also said in words and an icon, so it does not rest on colour alone.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "meso-screening-banner.h"
#include "meso-source-label.h"

struct _MesoScreeningBanner
{
  GtkWidget      parent_instance;

  MesoScreening *screening;

  GtkWidget     *heading_box;
  GtkImage      *icon;
  GtkLabel      *title_label;
  GtkLabel      *context_label;
  GtkListBox    *findings_list;
};

G_DEFINE_FINAL_TYPE (MesoScreeningBanner, meso_screening_banner, GTK_TYPE_WIDGET)

static const struct {
  const char *css_class;
  const char *icon_name;
} verdict_styles[] = {
  [MESO_VERDICT_CLEAR] = { "clear", "emblem-ok-symbolic" },
  [MESO_VERDICT_CAUTION] = { "caution", "dialog-warning-symbolic" },
  [MESO_VERDICT_CONTRAINDICATED] = { "contraindicated", "action-unavailable-symbolic" },
};

static void
meso_screening_banner_dispose (GObject *object)
{
  MesoScreeningBanner *self = (MesoScreeningBanner *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MESO_TYPE_SCREENING_BANNER);
  g_clear_pointer (&self->screening, meso_screening_free);

  G_OBJECT_CLASS (meso_screening_banner_parent_class)->dispose (object);
}

static void
meso_screening_banner_class_init (MesoScreeningBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = meso_screening_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mesochart/Mesochart/meso-screening-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, MesoScreeningBanner, heading_box);
  gtk_widget_class_bind_template_child (widget_class, MesoScreeningBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, MesoScreeningBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, MesoScreeningBanner, context_label);
  gtk_widget_class_bind_template_child (widget_class, MesoScreeningBanner, findings_list);

  gtk_widget_class_set_css_name (widget_class, "screeningbanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
meso_screening_banner_init (MesoScreeningBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static GtkWidget *
create_finding_row (const MesoFinding *finding)
{
  g_autofree char *source = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *file_names = NULL;
  GtkWidget *row;
  GtkWidget *icon;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  /* Translators: where a screening rule comes from: a document or a clinic setting */
  source_name = meso_source_label_format (finding->source, &file_names);
  source = g_strdup_printf (_("Source: %s"), source_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), source);
  gtk_widget_set_tooltip_text (row, file_names);

  icon = gtk_image_new_from_icon_name (finding->severity == MESO_SEVERITY_CONTRAINDICATED
                                       ? "action-unavailable-symbolic"
                                       : finding->severity == MESO_SEVERITY_CAUTION
                                       ? "dialog-warning-symbolic"
                                       : "dialog-information-symbolic");
  gtk_widget_set_tooltip_text (icon, meso_severity_to_label (finding->severity));
  gtk_widget_add_css_class (icon, verdict_styles[MIN (finding->severity, MESO_SEVERITY_CONTRAINDICATED)].css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static const char *
verdict_title (const MesoScreening *screening)
{
  switch (screening->verdict)
    {
    case MESO_VERDICT_CONTRAINDICATED:
      return _("Contraindicated: booking needs a clinician’s override");
    case MESO_VERDICT_CAUTION:
      return _("Caution: each finding must be acknowledged before booking");
    case MESO_VERDICT_CLEAR:
    case MESO_N_VERDICTS:
    default:
      return _("Clear: no contraindication found");
    }
}

void
meso_screening_banner_set_screening (MesoScreeningBanner *self,
                                     const MesoScreening *screening,
                                     const char          *context_text)
{
  GtkListBoxRow *row;

  g_return_if_fail (MESO_IS_SCREENING_BANNER (self));
  g_return_if_fail (screening != NULL);

  g_clear_pointer (&self->screening, meso_screening_free);
  self->screening = meso_screening_copy (screening);

  for (guint i = 0; i < G_N_ELEMENTS (verdict_styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), verdict_styles[i].css_class);
  gtk_widget_add_css_class (GTK_WIDGET (self), verdict_styles[screening->verdict].css_class);
  gtk_image_set_from_icon_name (self->icon, verdict_styles[screening->verdict].icon_name);
  gtk_label_set_label (self->title_label, verdict_title (screening));
  gtk_label_set_label (self->context_label, context_text);
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), context_text != NULL);

  while ((row = gtk_list_box_get_row_at_index (self->findings_list, 0)) != NULL)
    gtk_list_box_remove (self->findings_list, GTK_WIDGET (row));
  for (guint i = 0; i < screening->findings->len; i++)
    gtk_list_box_append (self->findings_list,
                         create_finding_row (g_ptr_array_index (screening->findings, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), screening->findings->len > 0);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, verdict_title (screening),
                                  -1);
}

MesoVerdict
meso_screening_banner_get_verdict (MesoScreeningBanner *self)
{
  g_return_val_if_fail (MESO_IS_SCREENING_BANNER (self), MESO_VERDICT_CLEAR);

  return self->screening != NULL ? self->screening->verdict : MESO_VERDICT_CLEAR;
}

guint
meso_screening_banner_get_n_findings (MesoScreeningBanner *self)
{
  g_return_val_if_fail (MESO_IS_SCREENING_BANNER (self), 0);

  return self->screening != NULL ? self->screening->findings->len : 0;
}
