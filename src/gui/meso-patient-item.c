/* meso-patient-item.c: a light list item built on demand. */
#include "config.h"

#include <glib/gi18n.h>

#include "meso-patient-item.h"

struct _MesoPatientItem
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  GDate    date_of_birth;
  char    *phone;
};

G_DEFINE_FINAL_TYPE (MesoPatientItem, meso_patient_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
meso_patient_item_finalize (GObject *object)
{
  MesoPatientItem *self = (MesoPatientItem *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->phone, g_free);

  G_OBJECT_CLASS (meso_patient_item_parent_class)->finalize (object);
}

static void
meso_patient_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MesoPatientItem *self = MESO_PATIENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
meso_patient_item_class_init (MesoPatientItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = meso_patient_item_finalize;
  object_class->get_property = meso_patient_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
meso_patient_item_init (MesoPatientItem *self)
{
  g_date_clear (&self->date_of_birth, 1);
}

MesoPatientItem *
meso_patient_item_new (gint64                    id,
                       const MesoPatientSummary *summary)
{
  MesoPatientItem *self = g_object_new (MESO_TYPE_PATIENT_ITEM, NULL);

  meso_patient_item_set_patient (self, id, summary);

  return self;
}

void
meso_patient_item_set_patient (MesoPatientItem          *self,
                               gint64                    id,
                               const MesoPatientSummary *summary)
{
  g_return_if_fail (MESO_IS_PATIENT_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));

  self->id = id;
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_date_clear (&self->date_of_birth, 1);
  if (summary != NULL)
    {
      self->name = g_strdup (summary->name);
      self->date_of_birth = summary->date_of_birth;
      self->phone = g_strdup (summary->phone);
    }
  else
    {
      /* Deleted by another program since the ids were read. */
      self->name = g_strdup_printf (_("Patient %lld"), (long long) id);
    }

  /* "name" last: a row refreshes once on it. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);

  g_object_thaw_notify (G_OBJECT (self));
}

gint64
meso_patient_item_get_id (MesoPatientItem *self)
{
  g_return_val_if_fail (MESO_IS_PATIENT_ITEM (self), 0);
  return self->id;
}

const char *
meso_patient_item_get_name (MesoPatientItem *self)
{
  g_return_val_if_fail (MESO_IS_PATIENT_ITEM (self), NULL);
  return self->name;
}

const GDate *
meso_patient_item_get_date_of_birth (MesoPatientItem *self)
{
  g_return_val_if_fail (MESO_IS_PATIENT_ITEM (self), NULL);
  return &self->date_of_birth;
}

const char *
meso_patient_item_get_phone (MesoPatientItem *self)
{
  g_return_val_if_fail (MESO_IS_PATIENT_ITEM (self), NULL);
  return self->phone;
}

/* Today, read from the clock at most once a second: a keystroke formats
 * up to 200 rows, and a local GDateTime for each is not free. */
static const GDate *
get_today (void)
{
  static GDate today;
  static gint64 read_at;
  gint64 now = g_get_monotonic_time ();

  if (read_at == 0 || now - read_at > G_USEC_PER_SEC)
    {
      meso_date_set_today (&today);
      read_at = now;
    }
  return &today;
}

char *
meso_patient_item_dup_details (MesoPatientItem *self)
{
  GString *details;

  g_return_val_if_fail (MESO_IS_PATIENT_ITEM (self), NULL);

  details = g_string_new (NULL);
  if (g_date_valid (&self->date_of_birth))
    {
      g_autofree char *born = meso_date_format (&self->date_of_birth);
      gint age = meso_age_on (&self->date_of_birth, get_today ());
      /* Translators: date of birth and age, e.g. "1980-04-12 (46)" */
      g_string_append_printf (details, _("%s (%d)"), born, age);
    }
  if (self->phone != NULL && *self->phone != '\0')
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      g_string_append (details, self->phone);
    }

  return g_string_free (details, FALSE);
}
